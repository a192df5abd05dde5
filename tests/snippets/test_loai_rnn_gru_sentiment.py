"""snippets/loai_rnn/gru_sentiment.py (trang docs/loai-rnn/gru.md). Các khoảng ở đây là những gì trang nêu."""

import pytest


@pytest.mark.slow  # snippet dài (huấn luyện): ngoài vòng lặp nhanh -m "not slow"
def test_gru_sentiment(run_snippet):
    r = run_snippet("snippets/loai_rnn/gru_sentiment.py")
    v = r.values
    # trang: GRU đúng khoảng 3/4 số câu kiểm tra (trung bình 3 seed), túi từ khoảng 2/3
    assert 0.70 <= v["accuracy"] <= 0.85
    assert v["accuracy_min"] <= v["accuracy"] <= v["accuracy_max"]
    assert v["accuracy_max"] - v["accuracy_min"] < 0.10
    assert 0.60 <= v["bow_accuracy"] <= 0.75
    # trang: GRU hơn túi từ trên cả tập, và cách biệt lớn hơn trên câu có phủ định hoặc tương phản
    assert v["accuracy"] - v["bow_accuracy"] >= 0.03
    assert v["gru_hard"] - v["bow_hard"] >= 0.05
    assert v["gru_hard"] - v["bow_hard"] > v["accuracy"] - v["bow_accuracy"]
    assert v["n_hard"] == 98
    # trang: trên câu không dấu (ít câu), GRU không hơn túi từ
    assert v["n_no_diacritics"] == 25
    assert v["gru_no_diacritics"] < v["bow_no_diacritics"]
    # trang: câu trung tính hiếm khi bị nhầm; phần lớn lỗi của cả hai mô hình là nhầm tích cực với tiêu cực
    assert v["n_test"] == 184
    for name, cm in v["confusion"].items():
        assert sum(map(sum, cm)) == 184
        assert cm[1][1] >= 0.8 * sum(cm[1]), name
        errors = 184 - sum(cm[k][k] for k in range(3))
        assert cm[0][2] + cm[2][0] > 0.5 * errors, name
    # trang: mất mát huấn luyện xuống rất thấp (quá khớp) trong khi độ chính xác kiểm tra dừng ở khoảng 3/4
    assert len(v["final_train_loss"]) == 3 and max(v["final_train_loss"]) < 0.15
    # quá trình huấn luyện hiện trong "Kết quả", mất mát giảm
    assert r.stdout.count("GRU, seed") == 3 and r.stdout.count("LSTM, seed") == 3 and "epoch 20" in r.stdout
    assert len(r.figures) == 2
    assert "nhầm lẫn" in r.titles[0] and "nhóm câu" in r.titles[1]


def test_gru_sentiment_against_rnn_and_lstm(run_snippet):
    v = run_snippet("snippets/loai_rnn/gru_sentiment.py").values
    cells = v["cells"]
    assert set(cells) == {"gru", "rnn", "lstm"} and v["seeds"] == [0, 1, 2]
    # trang: tầng hồi tiếp của GRU có 3/4 số tham số của LSTM và gấp 3 lần RNN cơ bản (cùng 16 → 32)
    assert cells["gru"]["recurrent"] * 4 == cells["lstm"]["recurrent"] * 3 == 3 * 6400
    assert cells["gru"]["recurrent"] == 3 * cells["rnn"]["recurrent"]
    # trang: trên bộ dữ liệu câu ngắn này ba loại ô nằm trong vòng 3 điểm phần trăm của nhau, cả trên cả tập
    # lẫn trên nhóm phủ định hoặc tương phản; GRU cao nhất nhưng hơn không đáng kể
    for part in ("all", "hard"):
        values = [cells[k][part] for k in cells]
        assert max(values) - min(values) < 0.03, part
        assert cells["gru"][part] == max(values), part
    # trang: câu huấn luyện dài trung bình khoảng 8 âm tiết
    assert 7.5 < v["mean_length"] < 9.5
    # thời gian mỗi epoch được đo và in (không khẳng định chiều nào: phụ thuộc máy lúc chạy)
    assert all(cells[k]["seconds"] > 0 for k in cells)
