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
    assert v["CLIP_NORM"] == 5.0
    # theo vị trí từ tiếng Việt (trang): LSTM đúng ≥ 95% ở mọi vị trí; RNN cơ bản đúng ở từ thứ nhất nhiều hơn
    # hẳn (≥ 10 điểm) so với mọi từ thứ 3, 5, 7, và các từ ở vị trí 2 và 4 (nghìn, trăm, mươi...) đúng ≥ 80%
    pos = v["position_accuracy"]
    assert min(pos["LSTM"].values()) >= 0.95
    rnn = pos["RNN cơ bản"]
    assert rnn["1"] > max(rnn["3"], rnn["5"], rnn["7"]) + 0.10
    assert min(rnn["2"], rnn["4"]) >= 0.8
    # gradient trong bộ mã hóa (trang): của RNN cơ bản về tới từ tiếng Anh đầu tiên vẫn còn hơn 1/10 (không biến
    # mất qua 7 token), nhưng ít hơn của LSTM
    assert 0.1 < v["first_word_flow_rnn"] < v["first_word_flow_lstm"]
    assert len(r.figures) == 3
    assert "độ dài câu" in r.titles[0] and "Sai ở đâu" in r.titles[2]
