"""So sánh một mô hình rnnlab với bản torch.nn cùng trọng số: đầu ra, trạng thái cuối, gradient."""

from __future__ import annotations

import torch
from torch import nn
from torch.nn.utils.rnn import PackedSequence, pack_padded_sequence

import rnnlab

KINDS = {
    "rnn_tanh": (rnnlab.RNN, nn.RNN, {"nonlinearity": "tanh"}),
    "rnn_relu": (rnnlab.RNN, nn.RNN, {"nonlinearity": "relu"}),
    "lstm": (rnnlab.LSTM, nn.LSTM, {}),
    "gru": (rnnlab.GRU, nn.GRU, {}),
}


def make_pair(kind, dtype, **kw):
    ours_cls, theirs_cls, extra = KINDS[kind]
    theirs = theirs_cls(**extra, **kw).to(dtype)
    ours = ours_cls(**extra, **kw).to(dtype)
    ours.load_state_dict(theirs.state_dict(), strict=True)
    return ours, theirs


def run_case(kind, dtype, *, num_layers, bidirectional, batch_first, bias, packed, with_h0, T=5, B=3, I=3, H=4, seed=0):
    """Chạy cả hai mô hình; trả về danh sách (tên, sai số tuyệt đối lớn nhất)."""
    g = torch.Generator().manual_seed(seed)
    ours, theirs = make_pair(
        kind,
        dtype,
        input_size=I,
        hidden_size=H,
        num_layers=num_layers,
        bias=bias,
        batch_first=batch_first,
        bidirectional=bidirectional,
    )
    x0 = (
        torch.randn(B, T, I, generator=g, dtype=dtype)
        if batch_first
        else torch.randn(T, B, I, generator=g, dtype=dtype)
    )
    D = 2 if bidirectional else 1
    hx0 = None
    if with_h0:
        hx0 = tuple(
            torch.randn(num_layers * D, B, H, generator=g, dtype=dtype) for _ in range(2 if kind == "lstm" else 1)
        )
    # độ dài khác nhau, không theo thứ tự (enforce_sorted=False kiểm tra cả sorted_indices)
    lengths = torch.cat([torch.randint(1, T + 1, (B - 1,), generator=g), torch.tensor([T])]) if packed else None

    results = []
    for model in (ours, theirs):
        x = x0.clone().requires_grad_(True)
        hx = None if hx0 is None else tuple(h.clone().requires_grad_(True) for h in hx0)
        inp = pack_padded_sequence(x, lengths, batch_first=batch_first, enforce_sorted=False) if packed else x
        out, state = model(inp, None if hx is None else (hx if kind == "lstm" else hx[0]))
        states = state if isinstance(state, tuple) else (state,)
        out_t = out.data if isinstance(out, PackedSequence) else out
        g2 = torch.Generator().manual_seed(seed + 1)
        loss = (out_t * torch.randn(out_t.shape, generator=g2, dtype=dtype)).sum()
        for s in states:
            loss = loss + (s * torch.randn(s.shape, generator=g2, dtype=dtype)).sum()
        loss.backward()
        grads = {name: p.grad for name, p in model.named_parameters()}
        results.append(
            {
                "output": out_t.detach(),
                "states": [s.detach() for s in states],
                "dx": x.grad,
                "dh0": None if hx is None else [h.grad for h in hx],
                "grads": grads,
            }
        )
    a, b = results
    errors = [
        ("output", (a["output"] - b["output"]).abs().max().item()),
        ("dx", (a["dx"] - b["dx"]).abs().max().item()),
    ]
    errors += [(f"state{j}", (s - t).abs().max().item()) for j, (s, t) in enumerate(zip(a["states"], b["states"]))]
    if with_h0:
        errors += [(f"dh0_{j}", (s - t).abs().max().item()) for j, (s, t) in enumerate(zip(a["dh0"], b["dh0"]))]
    assert set(a["grads"]) == set(b["grads"])
    errors += [(f"grad {n}", (a["grads"][n] - b["grads"][n]).abs().max().item()) for n in a["grads"]]
    return errors
