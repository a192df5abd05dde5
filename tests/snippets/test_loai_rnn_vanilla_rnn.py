"""Kiểm thử các snippet của trang docs/loai-rnn/vanilla-rnn.md (các khoảng nêu ở đây là các khoảng trang nêu)."""


def test_vanilla_rnn_parity(run_snippet):
    r = run_snippet("snippets/loai_rnn/vanilla_rnn_parity.py")
    # rnnlab.RNN nạp trọng số của torch.nn.RNN cho cùng đầu ra và cùng gradient
    assert r.values["max_abs_diff"] < 1e-6
    assert r.values["grad_max_abs_diff"] < 1e-6
    assert "Sai khác lớn nhất ở đầu ra" in r.stdout
    assert r.figures == []


def test_vanilla_rnn_stock(run_snippet):
    r = run_snippet("snippets/loai_rnn/vanilla_rnn_stock.py")
    v = r.values
    assert v["source"] == "giá mô phỏng (GBM)"  # không có tệp giá: chuỗi mô phỏng
    # trên GBM, RNN không hơn được "giá mai = giá hôm nay" đáng kể, và cũng không tệ hơn nhiều:
    # trang nói tỉ số RMSE nằm trong [0,97; 1,03]
    assert 0.97 <= v["rmse_ratio"] <= 1.03
    # đoán chiều tăng/giảm: gần tung đồng xu (trang nói trong khoảng 40%–60%)
    assert 0.40 <= v["direction_accuracy"] <= 0.60
    # độ nhạy với những ngày xa tụt rất nhanh: trang nói dưới 1/10 sau 10 ngày, dưới 1/1000 sau 20 ngày
    assert 0 < v["sensitivity_20"] < v["sensitivity_10"] < 0.1
    assert v["sensitivity_20"] < 1e-3
    assert 0 < v["untrained_sensitivity_20"] < 1e-3  # trước khi huấn luyện cũng vậy
    # có huấn luyện thật: dòng mất mát được in ra
    assert r.stdout.count("mất mát huấn luyện") == 4
    assert len(r.figures) == 2
    assert "60 ngày cuối" in r.titles[0]
    assert "những ngày xa" in r.titles[1]


def test_vanilla_rnn_stock_lag(run_snippet):
    r = run_snippet("snippets/loai_rnn/vanilla_rnn_stock_lag.py")
    v = r.values
    assert v["LAGS"] == [3, 20] and v["SEEDS"] == [0, 1, 2] and v["MEMORY"] == 0.6
    # cách đoán biết công thức thắng cách đoán ngây thơ: có thật một phụ thuộc để học (√(1 − 0,6²) = 0,8)
    assert 0.74 < v["oracle_short"] < 0.84 and 0.74 < v["oracle_long"] < 0.84
    # trang: ở k = 3, cả hai mô hình về sát mức tốt nhất (trong 0,02), ở mọi seed
    for name in ("rnn", "gru"):
        assert all(x < v["oracle_short"] + 0.02 for x in v["rmse_ratio"][f"{name}_3"]), name
    # trang: ở k = 20, RNN cơ bản gần như không hơn cách đoán ngây thơ (tỉ số > 0,95 ở mọi seed),
    # GRU về sát mức tốt nhất (trong 0,03) ở ít nhất 2/3 seed, và trung bình tốt hơn RNN
    assert all(x > 0.95 for x in v["rmse_ratio"]["rnn_20"])
    assert v["found_long"]["gru"] >= 2 and v["found_long"]["rnn"] == 0
    assert v["found_long"]["gru"] == sum(x < v["oracle_long"] + 0.03 for x in v["rmse_ratio"]["gru_20"])
    assert v["gru_long"] < v["rnn_long"] - 0.05
    # trang: độ nhạy với ngày k (seed 0; công thức cho 0,6): RNN cơ bản và GRU ở k = 3, GRU ở k = 20 đều
    # lớn hơn 0,3; RNN cơ bản ở k = 20 chưa tới một phần ba của GRU
    assert min(v["spike"]["rnn_3"], v["spike"]["gru_3"], v["spike"]["gru_20"]) > 0.3
    assert v["spike"]["rnn_20"] < v["spike"]["gru_20"] / 3
    assert len(r.figures) == 1 and "cửa sổ 30 ngày" in r.titles[0]
