"""snippets/gradient/adding_problem.py (trang docs/gradient/giai-phap.md): bài toán cộng."""

import pytest

pytestmark = pytest.mark.slow  # snippet dài (~35 s một mình trên 2 lõi): ngoài vòng lặp nhanh -m "not slow"


@pytest.fixture(scope="module")
def adding():
    from hooks.runner import run_snippet

    return run_snippet("snippets/gradient/adding_problem.py")


def test_gated_cells_learn_the_long_dependency(adding):
    v = adding.values
    # trang (mục tiêu tái hiện): ở T = 50, LSTM và GRU có MSE < 0,05 ở ít nhất 2/3 hạt giống
    assert v["solved"]["lstm_50"] >= 2 and v["solved"]["gru_50"] >= 2
    assert sum(m < 0.05 for m in v["final_mse"]["lstm_50"]) == v["solved"]["lstm_50"]
    # phụ thuộc dài hơn thì LSTM cần nhiều bước hơn mới "bắt" được
    assert sum(v["steps_used"]["lstm_50"]) > sum(v["steps_used"]["lstm_10"])
    assert all(s <= 1200 for s in v["steps_used"]["gru_50"] + v["steps_used"]["lstm_50"])


def test_tanh_rnn_fails_at_50_but_not_at_10(adding):
    v = adding.values
    # trang: RNN tanh ở T = 50 không bao giờ xuống dưới 0,12, ở mọi hạt giống, trong suốt quá trình
    assert v["rnn_50_best"] > 0.12
    assert all(m > 0.12 for m in v["best_mse"]["rnn_50"])
    # ở T = 10 (phụ thuộc ngắn), nó học được
    assert v["solved"]["rnn_10"] >= 2


def test_gates_keep_the_gradient_alive_after_training(adding):
    r = adding.values["first_step_ratio"]
    # sau huấn luyện, gradient về tới bước 1 của LSTM/GRU ở mức 1e-2..1, của RNN tanh thì không
    assert r["lstm_trained"] > 1e-2 and r["gru_trained"] > 1e-2
    assert r["rnn_trained"] < 1e-4
    assert r["lstm_trained"] > 100 * r["lstm_init"]
    assert r["gru_trained"] > 100 * r["gru_init"]
    assert r["rnn_init"] < 1e-6


def test_figures(adding):
    assert len(adding.figures) == 3
    assert "đường học" in adding.titles[0]
    assert "khởi tạo" in adding.titles[1]
    assert "nhiệt" in adding.titles[2]
