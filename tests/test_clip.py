"""rnnlab.clip_grad_norm_ / clip_grad_value_ bằng torch.nn.utils."""

from __future__ import annotations

import math

import pytest
import torch

import rnnlab


def _params(seed=0, scale=1.0, bad=None):
    g = torch.Generator().manual_seed(seed)
    ps = [torch.zeros(s, requires_grad=True) for s in [(3, 4), (5,), (2, 2, 2)]]
    for p in ps:
        p.grad = scale * torch.randn(p.shape, generator=g)
    if bad is not None:
        ps[1].grad[2] = bad
    return ps


@pytest.mark.parametrize("norm_type", [2.0, 1.0, 3.0, math.inf])
@pytest.mark.parametrize("max_norm", [0.1, 1.0, 100.0])
def test_clip_grad_norm_matches_torch(norm_type, max_norm):
    ours, theirs = _params(scale=3.0), _params(scale=3.0)
    n1 = rnnlab.clip_grad_norm_(ours, max_norm, norm_type)
    n2 = torch.nn.utils.clip_grad_norm_(theirs, max_norm, norm_type)
    torch.testing.assert_close(n1, n2)
    for a, b in zip(ours, theirs):
        torch.testing.assert_close(a.grad, b.grad)
    total = torch.linalg.vector_norm(torch.cat([p.grad.flatten() for p in ours]), norm_type)
    assert total <= max_norm * (1 + 1e-5) or max_norm >= n1


def test_clip_keeps_direction():
    ps = _params(scale=10.0)
    before = torch.cat([p.grad.flatten() for p in ps]).clone()
    rnnlab.clip_grad_norm_(ps, 1.0)
    after = torch.cat([p.grad.flatten() for p in ps])
    torch.testing.assert_close(after / after.norm(), before / before.norm())
    assert after.norm() == pytest.approx(1.0, rel=1e-5)


@pytest.mark.parametrize("bad", [math.nan, math.inf])
def test_nonfinite_gradient(bad):
    with pytest.raises(RuntimeError, match="không hữu hạn"):
        rnnlab.clip_grad_norm_(_params(bad=bad), 1.0, error_if_nonfinite=True)
    ours, theirs = _params(bad=bad), _params(bad=bad)
    n1 = rnnlab.clip_grad_norm_(ours, 1.0)
    n2 = torch.nn.utils.clip_grad_norm_(theirs, 1.0)
    torch.testing.assert_close(n1, n2, equal_nan=True)
    for a, b in zip(ours, theirs):
        torch.testing.assert_close(a.grad, b.grad, equal_nan=True)


@pytest.mark.parametrize("clip_value", [0.01, 0.5, 10.0])
def test_clip_grad_value_matches_torch(clip_value):
    ours, theirs = _params(scale=2.0), _params(scale=2.0)
    assert rnnlab.clip_grad_value_(ours, clip_value) is None
    torch.nn.utils.clip_grad_value_(theirs, clip_value)
    for a, b in zip(ours, theirs):
        torch.testing.assert_close(a.grad, b.grad, rtol=0, atol=0)
        assert a.grad.abs().max() <= clip_value


def test_single_tensor_and_missing_grads():
    p = torch.zeros(3, requires_grad=True)
    p.grad = torch.tensor([3.0, 4.0, 0.0])
    q = torch.zeros(2, requires_grad=True)  # không có .grad
    assert rnnlab.clip_grad_norm_(p, 1.0).item() == pytest.approx(5.0)
    torch.testing.assert_close(p.grad, torch.tensor([0.6, 0.8, 0.0]), rtol=1e-5, atol=1e-6)
    assert rnnlab.clip_grad_norm_([q], 1.0).item() == 0.0


@pytest.mark.parametrize("norm_type", [2.0, 1.0, math.inf])
def test_grad_norm_matches_torch_and_leaves_grads_alone(norm_type):
    ps = _params(scale=3.0)
    before = [p.grad.clone() for p in ps]
    n = rnnlab.clip.grad_norm(ps, norm_type)
    torch.testing.assert_close(n, torch.nn.utils.get_total_norm([p.grad for p in ps], norm_type))
    assert all(torch.equal(p.grad, b) for p, b in zip(ps, before))
