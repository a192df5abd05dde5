"""RNNCell, LSTMCell, GRUCell cho cùng con số với torch.nn, cả giá trị lẫn gradient."""

from __future__ import annotations

import pytest
import torch
from torch import nn

import rnnlab

CELLS = {
    "rnn_tanh": (rnnlab.RNNCell, nn.RNNCell, {"nonlinearity": "tanh"}),
    "rnn_relu": (rnnlab.RNNCell, nn.RNNCell, {"nonlinearity": "relu"}),
    "lstm": (rnnlab.LSTMCell, nn.LSTMCell, {}),
    "gru": (rnnlab.GRUCell, nn.GRUCell, {}),
}


@pytest.mark.parametrize("dtype,tol", [(torch.float32, 1e-5), (torch.float64, 1e-10)], ids=["f32", "f64"])
@pytest.mark.parametrize("bias", [True, False])
@pytest.mark.parametrize("batched", [True, False])
@pytest.mark.parametrize("with_h", [True, False])
@pytest.mark.parametrize("kind", sorted(CELLS))
def test_cell_parity(kind, with_h, batched, bias, dtype, tol):
    ours_cls, theirs_cls, extra = CELLS[kind]
    torch.manual_seed(0)
    theirs = theirs_cls(3, 5, bias=bias, **extra).to(dtype)
    ours = ours_cls(3, 5, bias=bias, **extra).to(dtype)
    ours.load_state_dict(theirs.state_dict(), strict=True)
    x0 = torch.randn(4, 3, dtype=dtype) if batched else torch.randn(3, dtype=dtype)
    hshape = (4, 5) if batched else (5,)
    h0 = [torch.randn(hshape, dtype=dtype) for _ in range(2 if kind == "lstm" else 1)]
    outs = []
    for m in (ours, theirs):
        x = x0.clone().requires_grad_(True)
        hs = [h.clone().requires_grad_(True) for h in h0]
        hx = (tuple(hs) if kind == "lstm" else hs[0]) if with_h else None
        out = m(x, hx)
        out = out if isinstance(out, tuple) else (out,)
        sum(((o * (k + 1)).sin().sum() for k, o in enumerate(out))).backward()
        outs.append((out, x.grad, [p.grad for p in m.parameters()], [h.grad for h in hs] if with_h else []))
    (oa, dxa, ga, dha), (ob, dxb, gb, dhb) = outs
    for a, b in zip(list(oa) + [dxa] + ga + dha, list(ob) + [dxb] + gb + dhb):
        assert a.shape == b.shape
        assert (a - b).abs().max().item() <= tol


def test_cell_identity_nonlinearity():
    cell = rnnlab.RNNCell(2, 3, nonlinearity="identity").double()
    x, h = torch.randn(4, 2, dtype=torch.float64), torch.randn(4, 3, dtype=torch.float64)
    expected = x @ cell.weight_ih.T + cell.bias_ih + h @ cell.weight_hh.T + cell.bias_hh
    torch.testing.assert_close(cell(x, h), expected)


def test_cell_same_seed_same_init():
    for ours_cls, theirs_cls, extra in CELLS.values():
        torch.manual_seed(7)
        a = ours_cls(3, 5, **extra)
        torch.manual_seed(7)
        b = theirs_cls(3, 5, **extra)
        for name, value in b.state_dict().items():
            assert torch.equal(a.state_dict()[name], value)


@pytest.mark.parametrize(
    "make", [lambda: rnnlab.GRUCell(3, 5), lambda: rnnlab.LSTM(3, 5, num_layers=2, bidirectional=True)]
)
def test_reset_parameters_with_generator_matches_global_seed_and_leaves_it_alone(make):
    torch.manual_seed(11)
    expected = make().state_dict()
    model = make()
    torch.manual_seed(0)
    model.reset_parameters(generator=torch.Generator().manual_seed(11))
    after = torch.rand(3)
    torch.manual_seed(0)
    assert torch.equal(after, torch.rand(3))  # bộ sinh chung không bị dùng hay gieo lại
    for name, value in expected.items():
        assert torch.equal(model.state_dict()[name], value), name
