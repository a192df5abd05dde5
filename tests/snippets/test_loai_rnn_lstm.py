"""Kiểm thử các snippet của trang docs/loai-rnn/lstm.md (các khoảng nêu ở đây là các khoảng trang nêu)."""

import pytest

from rnnlab.datasets import number_words


def test_lstm_parity(run_snippet):
    r = run_snippet("snippets/loai_rnn/lstm_parity.py")
    # rnnlab.LSTM nạp trọng số của torch.nn.LSTM cho cùng h_t, h_n, c_n và cùng gradient
    assert r.values["max_abs_diff"] < 1e-6
    assert r.values["grad_max_abs_diff"] < 1e-6
    assert r.figures == []


@pytest.mark.slow  # snippet dài (huấn luyện): ngoài vòng lặp nhanh -m "not slow"
def test_lstm_translation(run_snippet):
    r = run_snippet("snippets/loai_rnn/lstm_translation.py")
    v = r.values
    # trang: LSTM dịch đúng hoàn toàn trên 95% số chưa thấy; RNN cơ bản cùng cỡ dưới 30%
    assert 0.95 <= v["accuracy_lstm"] <= 1.0
    assert v["accuracy_rnn"] < 0.30
    assert v["accuracy_lstm"] - v["accuracy_rnn"] > 0.6
    # tập kiểm tra không giao tập huấn luyện
    assert not set(v["train_numbers"]) & set(v["test_numbers"])
    assert len(v["test_numbers"]) == 1000
    # với câu dài nhất (7 token), LSTM vẫn gần như luôn đúng còn RNN cơ bản gần như luôn sai
    by_len = v["accuracy_by_length"]
    assert by_len["LSTM"]["7"] >= 0.95
    assert by_len["RNN cơ bản"]["7"] < 0.2
    assert sum(v["count_by_length"].values()) == 1000
    # bảng câu dịch mẫu được in, và mỗi dòng "✓" thật sự là bản dịch đúng
    assert "Vài câu dịch mẫu" in r.stdout
    for line in r.stdout.splitlines():
        if line.strip().startswith("✓ LSTM"):
            words = line.split("LSTM", 1)[1].split()
            assert " ".join(words) in {number_words.vietnamese(n) for n in v["test_numbers"]}
    assert len(r.figures) == 2
    assert "độ dài câu" in r.titles[0]
