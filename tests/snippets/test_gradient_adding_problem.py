"""snippets/gradient/adding_problem.py (trang docs/gradient/giai-phap.md): bài toán cộng."""

import pytest

pytestmark = pytest.mark.slow  # snippet dài (~35 s một mình trên 2 lõi): ngoài vòng lặp nhanh -m "not slow"


@pytest.fixture(scope="module")
def adding():
    from hooks.runner import run_snippet

    return run_snippet("snippets/gradient/adding_problem.py")


def test_setup(adding):
    v = adding.values
    assert v["LENGTHS"] == [10, 50] and v["SEEDS"] == [0, 1, 2] and v["CELLS"] == ["rnn", "lstm", "gru"]
    assert abs(v["baseline"] - 1 / 6) < 1e-12
    assert max(v["MAX_STEPS"].values()) <= 1200


def test_gated_cells_learn_the_long_dependency(adding):
    v = adding.values
    # trang (mục tiêu tái hiện): ở T = 50, LSTM và GRU có MSE < 0,05 ở ít nhất 2/3 hạt giống
    assert v["lstm_50_solved"] >= 2 and v["gru_50_solved"] >= 2
    assert sum(m < 0.05 for m in v["final_mse"]["lstm_50"]) == v["lstm_50_solved"]
    # phụ thuộc dài hơn thì LSTM cần nhiều bước hơn mới "bắt" được
    assert sum(v["steps_used"]["lstm_50"]) > sum(v["steps_used"]["lstm_10"])
    assert all(s <= 1200 for s in v["steps_used"]["gru_50"] + v["steps_used"]["lstm_50"])


def test_tanh_rnn_fails_at_50_but_not_at_10(adding):
    v = adding.values
    # trang: RNN tanh ở T = 50 không bao giờ xuống dưới 0,12, ở mọi hạt giống, trong suốt quá trình
    assert v["rnn_50_best"] > 0.12
    assert all(m > 0.12 for m in v["best_mse"]["rnn_50"])
    # ở T = 10 (phụ thuộc ngắn), nó học được
    assert v["rnn_10_solved"] >= 2


def test_gates_keep_the_gradient_alive_after_training(adding):
    v = adding.values
    # sau huấn luyện, gradient về tới bước 1 của LSTM/GRU ở mức 1e-2..1, của RNN tanh thì không
    assert v["lstm_trained_ratio"] > 1e-2 and v["gru_trained_ratio"] > 1e-2
    assert v["rnn_trained_ratio"] < 1e-4
    assert v["lstm_trained_ratio"] > 100 * v["lstm_init_ratio"]
    assert v["gru_trained_ratio"] > 100 * v["gru_init_ratio"]
    assert v["rnn_init_ratio"] < 1e-6


def test_figures(adding):
    assert len(adding.figures) == 3
    assert "đường học" in adding.titles[0]
    assert "khởi tạo" in adding.titles[1]
    assert "nhiệt" in adding.titles[2]
