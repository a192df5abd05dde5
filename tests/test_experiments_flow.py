"""rnnlab.experiments.flow: dòng gradient đo được khớp lí thuyết ρ^(T−t) (RNN tuyến tính), không vượt
chặn trên s^(T−t) (RNN tanh), và mô hình có W_hh = ρ·Q đúng như mô tả."""

import pytest
import torch

from rnnlab.experiments import flow


def test_orthogonal_is_orthogonal_and_deterministic():
    q = flow.orthogonal(12, seed=3)
    assert torch.allclose(q.T @ q, torch.eye(12, dtype=torch.float64), atol=1e-12)
    assert torch.equal(q, flow.orthogonal(12, seed=3))
    assert not torch.equal(q, flow.orthogonal(12, seed=4))


@pytest.mark.parametrize("rho", [0.5, 0.9, 1.0, 1.1, 1.5])
def test_linear_flow_equals_rho_power(rho):
    r = flow.linear_flow(rho, seq_len=40, hidden_size=8, seed=1)
    assert r["measured"].dtype == torch.float64 and r["measured"].shape == (40,)
    rel = ((r["measured"] - r["theory"]).abs() / r["theory"]).max()
    assert rel < 1e-9
    assert r["measured"][-1] == pytest.approx(1.0, rel=1e-12)  # ‖∂L/∂h_T‖ = 1
    assert r["measured"][0] == pytest.approx(rho**39, rel=1e-9)


def test_tanh_flow_never_exceeds_linear_bound_and_vanishes_below_one():
    for s in (0.5, 1.0, 2.0, 3.0):
        r = flow.tanh_flow(s, seq_len=30, hidden_size=16, batch_size=4)
        assert (r["measured"] <= r["bound"] * (1 + 1e-9)).all()
        assert r["measured"][-1] == pytest.approx(1.0, rel=1e-12)
    small = flow.tanh_flow(0.5, seq_len=30, hidden_size=16, batch_size=4)["measured"]
    big = flow.tanh_flow(3.0, seq_len=30, hidden_size=16, batch_size=4)
    assert small[0] < 1e-7  # biến mất
    assert big["measured"][0] > 1e3  # nổ, nhưng chậm hơn 3^29
    assert flow.growth_per_step(big["measured"]) < 3.0
    assert 0 < float(big["saturation"].mean()) < 1


@pytest.mark.parametrize("cell, gates", [("rnn", 1), ("lstm", 4), ("gru", 3)])
def test_scaled_model_blocks(cell, gates):
    m = flow.scaled_model(cell, 0.7, hidden_size=6, seed=2)
    w = m.weight_hh_l0.detach()
    assert w.shape == (gates * 6, 6)
    for block in w.split(6):
        # mỗi khối là 0,7·Q: mọi giá trị kỳ dị bằng 0,7
        assert torch.allclose(torch.linalg.svdvals(block), torch.full((6,), 0.7, dtype=torch.float64), atol=1e-12)
    assert float(m.bias_hh_l0.detach().abs().max()) == 0.0


def test_flow_curve_gated_cells_and_errors():
    for cell in ("lstm", "gru"):
        r = flow.flow_curve(cell, 1.0, seq_len=20, hidden_size=8, batch_size=2)
        assert r["measured"].shape == (20,) and torch.isfinite(r["measured"]).all()
        assert r["measured"][-1] == pytest.approx(1.0, rel=1e-12)
    with pytest.raises(ValueError, match="cell phải là một trong"):
        flow.scaled_model("transformer")
    assert flow.growth_per_step(torch.tensor([0.25, 0.5, 1.0])) == pytest.approx(0.5)
