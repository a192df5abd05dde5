"""snippets/gradient/flow_schematic.py (trang docs/gradient/minh-hoa.md): sơ đồ lượt ngược vẽ từ số đo."""


def test_flow_schematic(run_snippet):
    r = run_snippet("snippets/gradient/flow_schematic.py")
    v = r.values
    assert v["T"] == 12 and v["H"] == 32
    # ‖∂L/∂h_T‖ = 1 đúng bằng (mất mát chọn như vậy), và gradient nhỏ dần khi đi ngược
    assert abs(v["rnn_curve"][-1] - 1) < 1e-5
    assert all(a < b for a, b in zip(v["rnn_curve"], v["rnn_curve"][1:]))
    # trang: lúc khởi tạo, ô nhớ LSTM giữ gradient tốt hơn RNN tanh ít nhất 10 lần sau 11 bước lùi
    assert v["rnn_first"] < v["lstm_c_first"] / 10
    assert 0 < v["rnn_per_step"] < v["lstm_c_per_step"] < 1
    assert len(r.figures) == 1 and "Lượt ngược" in r.titles[0]
