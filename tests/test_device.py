"""Mã không gắn với thiết bị: mọi tensor được tạo trên thiết bị của đầu vào.

Trên máy không có GPU, thiết bị ``meta`` (tensor không có dữ liệu) bắt được tensor nào bị tạo nhầm trên
CPU; khi có CUDA, kiểm thử cuối so sánh với torch.nn trên GPU.
"""

from __future__ import annotations

import pytest
import torch

import rnnlab


@pytest.mark.parametrize("kind", ["RNN", "LSTM", "GRU"])
def test_forward_backward_on_meta_device(kind):
    model = getattr(rnnlab, kind)(3, 4, num_layers=2, bidirectional=True, device="meta")
    x = torch.empty(5, 2, 3, device="meta", requires_grad=True)
    out, state = model(x)
    assert out.device.type == "meta" and out.shape == (5, 2, 8)
    out.sum().backward()
    assert x.grad.device.type == "meta"
    assert all(p.grad.device.type == "meta" for p in model.parameters())


@pytest.mark.skipif(not torch.cuda.is_available(), reason="không có CUDA trên máy này")
@pytest.mark.parametrize("kind", ["RNN", "LSTM", "GRU"])
def test_cuda_parity(kind):
    torch.manual_seed(0)
    theirs = getattr(torch.nn, kind)(3, 4, num_layers=2, bidirectional=True).double().cuda()
    ours = getattr(rnnlab, kind)(3, 4, num_layers=2, bidirectional=True).double().cuda()
    ours.load_state_dict(theirs.state_dict())
    x = torch.randn(7, 2, 3, dtype=torch.float64, device="cuda")
    packed = rnnlab.pack_padded_sequence(x, [7, 4])
    for inp in (x, packed):
        (o1, _), (o2, _) = ours(inp), theirs(inp)
        o1 = o1.data if hasattr(o1, "batch_sizes") else o1
        o2 = o2.data if hasattr(o2, "batch_sizes") else o2
        assert o1.device.type == "cuda"
        torch.testing.assert_close(o1, o2, atol=1e-10, rtol=0)
