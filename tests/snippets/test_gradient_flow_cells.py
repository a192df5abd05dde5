"""snippets/gradient/flow_cells.py (trang docs/gradient/minh-hoa.md): dòng gradient của RNN tanh, LSTM, GRU
lúc khởi tạo và sau huấn luyện trên bài toán cộng, ba seed."""


def test_flow_cells(run_snippet):
    r = run_snippet("snippets/gradient/flow_cells.py")
    v = r.values
    assert v["T"] == 30 and v["SEEDS"] == [0, 1, 2]
    f = v["first_step"]
    # trang: LSTM và GRU học được bài toán (MSE < 0,05 ở mọi seed), RNN tanh thì không (> 0,12)
    for seed in v["SEEDS"]:
        assert v["final_mse"][f"lstm_{seed}"] < 0.05 and v["final_mse"][f"gru_{seed}"] < 0.05
        assert v["final_mse"][f"rnn_{seed}"] > 0.12
    # trang: sau huấn luyện, gradient về tới bước 1 của LSTM và GRU ở mức ≥ 1e-2 lần bước cuối, tăng ít nhất
    # 100 lần so với lúc khởi tạo; của RNN tanh vẫn dưới 1e-4
    for cell in ("lstm", "gru"):
        assert f[f"{cell}_trained"] > 1e-2 and f[f"{cell}_trained"] > 100 * f[f"{cell}_init"]
    assert f["rnn_trained"] < 1e-4 and f["rnn_init"] < 1e-4
    # trang: lúc khởi tạo GRU làm gradient biến mất gần như RNN tanh (trong vòng 100 lần), LSTM thì ít hơn
    assert f["gru_init"] < 100 * f["rnn_init"] < f["lstm_init"] * 100
    assert len(r.figures) == 1 and "RNN tanh, LSTM, GRU" in r.titles[0]
