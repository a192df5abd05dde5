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
    assert len(v["SEEDS"]) >= 3  # mỗi mô hình huấn luyện với ít nhất ba seed
    # trang: ở cả ba seed, LSTM dịch đúng hoàn toàn từ 95% số chưa thấy trở lên; RNN cơ bản cùng cỡ dưới 30%
    runs = v["accuracy_runs"]
    assert len(runs["LSTM"]) == len(runs["RNN cơ bản"]) == len(v["SEEDS"])
    assert min(runs["LSTM"]) >= 0.95 and max(runs["LSTM"]) <= 1.0
    assert max(runs["RNN cơ bản"]) < 0.30
    assert v["accuracy_lstm"] - v["accuracy_rnn"] > 0.6
    # các con số trang nêu là trung bình và khoảng nhỏ nhất–lớn nhất của đúng các lần chạy đó
    assert v["accuracy_lstm"] == pytest.approx(sum(runs["LSTM"]) / len(runs["LSTM"]))
    assert v["accuracy_rnn_range"] == [min(runs["RNN cơ bản"]), max(runs["RNN cơ bản"])]
    assert v["accuracy_lstm_range"][0] <= v["accuracy_lstm"] <= v["accuracy_lstm_range"][1]
    # tập kiểm tra không giao tập huấn luyện
    assert not set(v["train_numbers"]) & set(v["test_numbers"])
    assert len(v["test_numbers"]) == 1000
    # với câu dài nhất (7 token), LSTM vẫn gần như luôn đúng còn RNN cơ bản gần như luôn sai (trung bình)
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
    assert v["CLIP_NORM"] == 5.0  # trang nêu ngưỡng cắt gradient mà cả hai mô hình dùng
    # theo vị trí từ tiếng Việt (trang): LSTM đúng ≥ 95% ở mọi vị trí, ở mọi seed
    pos_runs = v["position_accuracy_runs"]
    assert min(min(seeds) for seeds in pos_runs["LSTM"].values()) >= 0.95
    # RNN cơ bản, trung bình: từ thứ nhất đúng nhiều hơn hẳn (≥ 10 điểm) mọi từ thứ 3, 5, 7, các từ thứ 3, 5, 7
    # ở cùng một mức (lệch nhau dưới 10 điểm: lỗi tăng rồi dừng), và từ ở vị trí 2 và 4 (nghìn, trăm...) đúng ≥ 80%
    rnn = v["rnn_position_accuracy"]
    far = [rnn["3"], rnn["5"], rnn["7"]]
    assert rnn["1"] > max(far) + 0.10
    assert max(far) - min(far) < 0.10
    assert min(rnn["2"], rnn["4"]) >= 0.8
    # ... và ở từng seed, không chỉ ở trung bình: từ thứ nhất đúng nhiều hơn từ thứ 3, 5, 7
    rnn_runs = pos_runs["RNN cơ bản"]
    for k in range(len(v["SEEDS"])):
        assert rnn_runs["1"][k] > max(rnn_runs[j][k] for j in ("3", "5", "7"))
    assert v["rnn_first_word_range"] == [min(rnn_runs["1"]), max(rnn_runs["1"])]
    # gradient trong bộ mã hóa (trang): ở mọi seed, của RNN cơ bản về tới từ tiếng Anh đầu tiên vẫn còn hơn 1/10
    # (không biến mất qua 7 token), nhưng ít hơn của LSTM
    flow = v["first_word_flow_runs"]
    assert 0.1 < min(flow["RNN cơ bản"])
    assert max(flow["RNN cơ bản"]) < min(flow["LSTM"])
    assert 0.1 < v["first_word_flow_rnn"] < v["first_word_flow_lstm"]
    assert v["first_word_flow_rnn_range"] == [min(flow["RNN cơ bản"]), max(flow["RNN cơ bản"])]
    assert len(r.figures) == 3
    assert "độ dài câu" in r.titles[0] and "Sai ở đâu" in r.titles[2]
