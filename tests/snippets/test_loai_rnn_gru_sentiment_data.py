"""snippets/loai_rnn/gru_sentiment_data.py (trang docs/loai-rnn/gru.md): những con số về bộ dữ liệu mà trang nêu."""


def test_gru_sentiment_data(run_snippet):
    r = run_snippet("snippets/loai_rnn/gru_sentiment_data.py")
    assert r.values["n_examples"] == 750
    assert r.values["label_counts"] == [250, 250, 250]
    assert "tiêu cực  : 188 câu huấn luyện, 62 câu kiểm tra" in r.stdout
    assert "[tuong_phan, tích cực]" in r.stdout and "[khong_dau, tiêu cực]" in r.stdout
    assert "['giá', 'hơi', 'đắt', 'nhưng', 'phở', 'ngon']" in r.stdout
    assert r.figures == []
