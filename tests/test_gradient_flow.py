"""Đo dòng gradient: hai đẳng thức lí thuyết, và so với autograd."""

from __future__ import annotations

import pytest
import torch

import rnnlab


def _orthogonal(H, seed=0):
    g = torch.Generator().manual_seed(seed)
    q, _ = torch.linalg.qr(torch.randn(H, H, generator=g, dtype=torch.float64))
    return q


@pytest.mark.parametrize("rho", [0.5, 0.9, 1.0, 1.1, 1.5])
def test_linear_rnn_jacobian_norms_are_powers_of_rho(rho):
    T, H = 40, 6
    m = rnnlab.RNN(3, H, nonlinearity="identity").double()
    with torch.no_grad():
        m.weight_hh_l0.copy_(rho * _orthogonal(H))
    x = torch.randn(T, 3, dtype=torch.float64)
    norms = rnnlab.jacobian_norms(m, x)["to_last"]  # ‖∂h_T/∂h_t‖, t = 0..T
    expected = torch.tensor([rho ** (T - t) for t in range(T + 1)], dtype=torch.float64)
    torch.testing.assert_close(norms, expected, rtol=1e-9, atol=0)


@pytest.mark.parametrize("rho", [0.5, 0.9, 1.1, 1.5])
def test_linear_rnn_hidden_grad_norms_are_powers_of_rho(rho):
    T, H = 60, 8
    m = rnnlab.RNN(2, H, nonlinearity="identity").double()
    with torch.no_grad():
        m.weight_hh_l0.copy_(rho * _orthogonal(H, seed=1))
    u = torch.nn.functional.normalize(torch.randn(H, dtype=torch.float64), dim=0)
    x = torch.randn(T, 1, 2, dtype=torch.float64)
    # L = u · h_T, ‖u‖ = 1  ⇒  ∂L/∂h_t = (W_hhᵀ)^(T−t) u, có chuẩn ρ^(T−t)
    norms = rnnlab.hidden_grad_norms(m, x, lambda out, h_n: out[-1, 0] @ u)["l0"]
    expected = torch.tensor([rho ** (T - t) for t in range(1, T + 1)], dtype=torch.float64)
    torch.testing.assert_close(norms, expected, rtol=1e-9, atol=0)


@pytest.mark.parametrize("scale", [0.5, 1.0, 2.0, 4.0])
def test_tanh_step_jacobian_bounded_by_largest_singular_value(scale):
    torch.manual_seed(0)
    m = rnnlab.RNN(3, 10).double()
    with torch.no_grad():
        m.weight_hh_l0.mul_(scale)
    sigma_max = torch.linalg.matrix_norm(m.weight_hh_l0.detach(), ord=2)
    step = rnnlab.jacobian_norms(m, torch.randn(30, 3, dtype=torch.float64))["step"]
    assert step.shape == (30,)
    # ‖diag(1 − h_t²) W_hh‖ ≤ ‖W_hh‖ vì 0 < 1 − h² ≤ 1
    assert (step <= sigma_max * (1 + 1e-12)).all()
    assert step.min() < sigma_max  # tanh thật sự thu nhỏ ở ít nhất một bước


def _reference_hidden_grads(cell, x, suffix_reverse=False):
    """∂L/∂h_t bằng autograd trên một vòng lặp ô, L = Σ_t sin(h_t)·1."""
    T = x.shape[0]
    order = range(T - 1, -1, -1) if suffix_reverse else range(T)
    state = None
    hs = {}
    for t in order:
        state = cell(x[t], state)
        h = state[0] if isinstance(state, tuple) else state
        h.retain_grad()
        hs[t] = h
    return hs


@pytest.mark.parametrize("kind", ["RNN", "LSTM", "GRU"])
def test_hidden_grad_norms_match_autograd_both_directions(kind):
    torch.manual_seed(0)
    model = getattr(rnnlab, kind)(3, 5, bidirectional=True).double()
    x = torch.randn(7, 2, 3, dtype=torch.float64)
    loss_fn = lambda out, h_n: out.sin().sum()  # noqa: E731
    norms = rnnlab.hidden_grad_norms(model, x, loss_fn)
    assert set(norms) == {"l0", "l0_reverse"}
    for suffix in ("", "_reverse"):
        cell = getattr(rnnlab, kind + "Cell")(3, 5).double()
        cell.load_state_dict(
            {k.replace(f"_l0{suffix}", ""): v for k, v in model.state_dict().items() if k.endswith(f"_l0{suffix}")}
        )
        hs = _reference_hidden_grads(cell, x, suffix_reverse=bool(suffix))
        sum(h.sin().sum() for h in hs.values()).backward()
        expected = torch.stack([hs[t].grad.norm() for t in range(7)])
        torch.testing.assert_close(norms["l0" + suffix], expected, rtol=1e-10, atol=1e-14)


def test_hidden_grad_norms_every_layer_and_no_grad_side_effect():
    torch.manual_seed(0)
    model = rnnlab.GRU(3, 4, num_layers=3, bidirectional=True)
    norms = rnnlab.hidden_grad_norms(model, torch.randn(5, 2, 3), lambda out, h: out.sum())
    assert sorted(norms) == sorted(f"l{k}{s}" for k in range(3) for s in ("", "_reverse"))
    assert all(n.shape == (5,) and (n > 0).all() for n in norms.values())
    assert all(p.grad is None for p in model.parameters())


def test_hidden_grads_packed_reverse_in_original_time_order():
    torch.manual_seed(0)
    model = rnnlab.RNN(2, 3, bidirectional=True).double()
    x = torch.randn(6, 2, 2, dtype=torch.float64)
    packed = rnnlab.pack_padded_sequence(x, [6, 4])
    with rnnlab.record_hidden_grads() as store:
        out, _ = model(packed)
        out.data.sum().backward()
    # chuỗi thứ hai dài 4: sau bước 4 không có gradient, ở cả hai chiều
    for key in ("l0", "l0_reverse"):
        assert store[key].shape == (6, 2, 3)
        assert store[key][4:, 1].abs().max() == 0
        assert store[key][:4, 1].abs().min() > 0
    # mất mát tách theo từng chuỗi, nên chuỗi thứ hai chạy một mình phải cho đúng các gradient đó
    with rnnlab.record_hidden_grads() as alone:
        out, _ = model(x[:4, 1:2])
        out.sum().backward()
    for key in ("l0", "l0_reverse"):
        torch.testing.assert_close(store[key][:4, 1], alone[key][:, 0], rtol=1e-10, atol=1e-14)
