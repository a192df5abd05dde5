"""Đường nhanh của LSTM (rnnlab/lstm_fast.py) cho đúng số của các hàm hiển thị trên trang.

Tham chiếu là ``bptt.BPTT`` chạy ``lstm_step`` và ``lstm_step_backward`` (mã viết thẳng theo công thức):
cùng đầu ra, cùng trạng thái cuối, cùng mọi gradient, khi x cần và không cần gradient.
"""

from __future__ import annotations

import pytest
import torch

import rnnlab
from rnnlab.bptt import BPTT, run_sequence
from rnnlab.lstm import LSTM_RECURRENCE
from rnnlab.lstm_fast import LSTMSequence


def _inputs(dtype, bias, x_grad, T=6, B=3, I=4, H=5, seed=0):
    g = torch.Generator().manual_seed(seed)
    r = lambda *s: (0.7 * torch.randn(*s, generator=g, dtype=dtype)).requires_grad_(True)  # noqa: E731
    x = r(T, B, I).requires_grad_(x_grad)
    w_ih, w_hh = r(4 * H, I), r(4 * H, H)
    b_ih, b_hh = (r(4 * H), r(4 * H)) if bias else (None, None)
    return x, w_ih, w_hh, b_ih, b_hh, (r(B, H), r(B, H))


def _loss(hs, h_T, c_T):
    # trọng số khác nhau cho mỗi đầu ra để gradient đến từ hs, h_T và c_T đều khác 0 và khác nhau
    w = torch.linspace(-1, 2, hs.numel(), dtype=hs.dtype).view_as(hs)
    return (w * hs).sum() + (h_T**2).sum() + (3 * c_T).sum()


@pytest.mark.parametrize("T", [1, 6])
@pytest.mark.parametrize("x_grad", [False, True], ids=["x-no-grad", "x-grad"])
@pytest.mark.parametrize("bias", [True, False], ids=["bias", "no-bias"])
@pytest.mark.parametrize("dtype", [torch.float64, torch.float32], ids=["f64", "f32"])
def test_fast_path_matches_displayed_step(dtype, bias, x_grad, T):
    x, w_ih, w_hh, b_ih, b_hh, state0 = _inputs(dtype, bias, x_grad, T=T)
    args = [a for a in (x, w_ih, w_hh, b_ih, b_hh, *state0) if a is not None and a.requires_grad]

    fast = LSTMSequence.apply(True, x, w_ih, w_hh, b_ih, b_hh, *state0)
    plain = BPTT.apply(LSTM_RECURRENCE, x, None, None, True, w_ih, w_hh, b_ih, b_hh, *state0)
    tol = {"atol": 1e-12, "rtol": 1e-12} if dtype == torch.float64 else {"atol": 1e-5, "rtol": 1e-5}
    for a, b in zip(fast, plain):
        torch.testing.assert_close(a, b, **tol)

    grads_fast = torch.autograd.grad(_loss(*fast), args)
    grads_plain = torch.autograd.grad(_loss(*plain), args)
    assert len(grads_fast) == (7 if bias else 5) - (0 if x_grad else 1)
    for a, b in zip(grads_fast, grads_plain):
        assert a.abs().max() > 0
        torch.testing.assert_close(a, b, **tol)


def test_fast_path_gradcheck():
    x, w_ih, w_hh, b_ih, b_hh, state0 = _inputs(torch.float64, True, True, T=4)
    f = lambda *a: LSTMSequence.apply(True, *a)  # noqa: E731
    assert torch.autograd.gradcheck(f, (x, w_ih, w_hh, b_ih, b_hh, *state0), eps=1e-6, atol=1e-7, rtol=1e-6)


def test_no_grad_forward_matches():
    x, w_ih, w_hh, b_ih, b_hh, state0 = _inputs(torch.float64, True, False)
    with torch.no_grad():
        fast = run_sequence(LSTM_RECURRENCE, x, state0, w_ih, w_hh, b_ih, b_hh)
        plain = BPTT.apply(LSTM_RECURRENCE, x, None, None, False, w_ih, w_hh, b_ih, b_hh, *state0)
    torch.testing.assert_close(fast[0], plain[0], atol=1e-12, rtol=1e-12)
    torch.testing.assert_close(fast[1], plain[1:], atol=1e-12, rtol=1e-12)


def test_layer_uses_fast_path_only_without_mask_and_recording():
    """Tầng LSTM chạy đường nhanh khi có thể, và ``BPTT`` khi có mặt nạ độ dài hay khi ghi ∂L/∂h_t."""
    x, w_ih, w_hh, b_ih, b_hh, state0 = _inputs(torch.float64, True, True)
    hs, _ = run_sequence(LSTM_RECURRENCE, x, state0, w_ih, w_hh, b_ih, b_hh)
    assert type(hs.grad_fn).__name__ == "LSTMSequenceBackward"
    mask = torch.ones(x.shape[0], x.shape[1], 1, dtype=torch.bool)
    hs, _ = run_sequence(LSTM_RECURRENCE, x, state0, w_ih, w_hh, b_ih, b_hh, mask=mask)
    assert type(hs.grad_fn).__name__ == "BPTTBackward"
    m = rnnlab.LSTM(4, 5, dtype=torch.float64)
    with rnnlab.record_hidden_grads():
        hs, _ = m(x)
    assert type(hs.grad_fn).__name__ == "BPTTBackward"
