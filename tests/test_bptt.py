"""Lượt ngược viết tay (rnnlab/bptt.py) đúng bằng autograd: gradcheck trong float64."""

from __future__ import annotations

import pytest
import torch

from rnnlab.bptt import run_sequence
from rnnlab.gru import GRU_RECURRENCE
from rnnlab.lstm import LSTM_RECURRENCE
from rnnlab.rnn import rnn_recurrence

RECURRENCES = {
    "rnn_tanh": rnn_recurrence("tanh"),
    "rnn_relu": rnn_recurrence("relu"),
    "rnn_identity": rnn_recurrence("identity"),
    "lstm": LSTM_RECURRENCE,
    "gru": GRU_RECURRENCE,
}


def _inputs(rec, bias, T=4, B=3, I=2, H=3, seed=0):
    g = torch.Generator().manual_seed(seed)
    r = lambda *s: (0.5 * torch.randn(*s, generator=g, dtype=torch.float64)).requires_grad_(True)  # noqa: E731
    G = rec.n_gates
    x, w_ih, w_hh = r(T, B, I), r(G * H, I), r(G * H, H)
    b_ih, b_hh = (r(G * H), r(G * H)) if bias else (None, None)
    state0 = tuple(r(B, H) for _ in range(rec.n_states))
    return x, w_ih, w_hh, b_ih, b_hh, state0


@pytest.mark.parametrize("masked", [False, True], ids=["padded", "masked"])
@pytest.mark.parametrize("bias", [True, False])
@pytest.mark.parametrize("kind", sorted(RECURRENCES))
def test_gradcheck(kind, bias, masked):
    rec = RECURRENCES[kind]
    x, w_ih, w_hh, b_ih, b_hh, state0 = _inputs(rec, bias)
    mask = None
    if masked:
        lengths = torch.tensor([4, 2, 3])
        mask = (torch.arange(4).unsqueeze(1) < lengths).unsqueeze(-1)

    def f(x, w_ih, w_hh, b_ih, b_hh, *state0):
        hs, state = run_sequence(rec, x, state0, w_ih, w_hh, b_ih, b_hh, mask=mask)
        return (hs,) + state

    args = (x, w_ih, w_hh, b_ih, b_hh) + state0
    assert torch.autograd.gradcheck(f, args, eps=1e-6, atol=1e-7, rtol=1e-6)


@pytest.mark.parametrize("kind", sorted(RECURRENCES))
def test_matches_autograd_through_step(kind):
    """Cùng các hàm bước, một lần qua autograd, một lần qua lượt ngược viết tay: gradient bằng nhau."""
    rec = RECURRENCES[kind]
    x, w_ih, w_hh, b_ih, b_hh, state0 = _inputs(rec, True, T=7, seed=3)
    args = [x, w_ih, w_hh, b_ih, b_hh, *state0]

    hs, state = run_sequence(rec, x, state0, w_ih, w_hh, b_ih, b_hh)
    ours = torch.autograd.grad(hs.pow(2).sum() + state[-1].sum(), args)

    gi = rec.input_projection(x, w_ih, b_ih, b_hh)
    s, outs = state0, []
    for t in range(x.shape[0]):
        s, _ = rec.step(gi[t], s, w_hh, b_hh)
        outs.append(s[0])
    ref = torch.autograd.grad(torch.stack(outs).pow(2).sum() + s[-1].sum(), args)
    for a, b in zip(ours, ref):
        torch.testing.assert_close(a, b, atol=1e-12, rtol=1e-10)


def test_backward_records_total_gradient():
    """``on_backward`` nhận ∂L/∂h_t toàn phần (qua đầu ra và qua các bước sau)."""
    rec = RECURRENCES["rnn_tanh"]
    x, w_ih, w_hh, b_ih, b_hh, state0 = _inputs(rec, True, T=6)
    seen = {}
    hs, _ = run_sequence(rec, x, state0, w_ih, w_hh, b_ih, b_hh, on_backward=lambda d: seen.setdefault("d", d))
    hs[-1].sum().backward()
    # tham chiếu: vòng lặp autograd với retain_grad trên từng h_t
    gi = rec.input_projection(x, w_ih, b_ih, b_hh)
    s, hs_ref = state0, []
    for t in range(6):
        s, _ = rec.step(gi[t], s, w_hh, b_hh)
        s[0].retain_grad()
        hs_ref.append(s[0])
    hs_ref[-1].sum().backward()
    torch.testing.assert_close(seen["d"], torch.stack([h.grad for h in hs_ref]), atol=1e-12, rtol=1e-10)


def test_inplace_change_of_output_keeps_gradients_right():
    """Đầu ra không dùng chung bộ nhớ với những gì lượt ngược giữ lại: sửa tại chỗ không làm sai gradient."""
    import rnnlab

    torch.manual_seed(0)
    model = rnnlab.GRU(2, 3)
    x = torch.randn(4, 1, 2)
    out, _ = model(x)
    expected = torch.autograd.grad((2 * out).sum(), model.weight_hh_l0)[0]
    out, _ = model(x)
    out.mul_(2)
    torch.testing.assert_close(torch.autograd.grad(out.sum(), model.weight_hh_l0)[0], expected)
