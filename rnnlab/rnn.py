"""RNN cơ bản (Vanilla RNN): một bước, đạo hàm của bước đó, và ô ``RNNCell``.

    a_t = W_ih x_t + b_ih + W_hh h_{t-1} + b_hh
    h_t = φ(a_t),        φ ∈ {tanh, relu, identity}

``identity`` (φ(a) = a) cho một RNN tuyến tính: khi đó ∂h_t/∂h_{t-1} = W_hh đúng bằng,
nên độ lớn gradient sau k bước là ‖W_hhᵏ‖, thứ các trang về gradient đo.
"""

from __future__ import annotations

import functools

import torch
from torch.nn import functional as F

from ._cell import CellBase
from .bptt import Recurrence, dtanh

NONLINEARITIES = ("tanh", "relu", "identity")


# --8<-- [start:step]
def input_projection(x, w_ih, b_ih, b_hh):
    """Phần không phụ thuộc h: W_ih x_t + b_ih + b_hh (dùng chung cho RNN và LSTM; GRU giữ b_hh riêng)."""
    # gi = W_ih x + (b_ih + b_hh); F.linear gộp phép cộng bias vào phép nhân ma trận     (..., H)
    return F.linear(x, w_ih, None if b_ih is None else b_ih + b_hh)


def rnn_step(gi, state, w_hh, b_hh, nonlinearity="tanh"):
    """Một bước: ``gi`` (B, H) đã gồm W_ih x_t + b_ih + b_hh; ``state`` = (h_{t-1},)."""
    (h,) = state
    # a_t = (W_ih x_t + b_ih + b_hh) + W_hh h_{t-1}                          (B, H)
    a = gi + h @ w_hh.t()
    # h_t = φ(a_t)
    if nonlinearity == "tanh":
        h = torch.tanh(a)
    elif nonlinearity == "relu":
        h = torch.relu(a)
    else:
        h = a
    return (h,), (h,)


# --8<-- [end:step]


# --8<-- [start:step_backward]
def rnn_backward_factors(cache, state_prev, nonlinearity="tanh"):
    """φ'(a_t): tanh' = 1 − h_t², relu' = [h_t > 0]; identity' = 1 nên không cần giữ gì."""
    (h,) = cache  # (B, H)
    if nonlinearity == "tanh":
        return (dtanh(h),)
    if nonlinearity == "relu":
        return ((h > 0).to(h.dtype),)
    return ()


def rnn_step_backward(dstate, factors, w_hh):
    """Đạo hàm của ``rnn_step``: từ ∂L/∂h_t ra ∂L/∂a_t và ∂L/∂h_{t-1}."""
    (dh,) = dstate
    # ∂L/∂a_t = φ'(a_t) ⊙ ∂L/∂h_t  (RNN tuyến tính: φ' = 1)                   (B, H)
    da = dh * factors[0] if factors else dh
    # ∂L/∂h_{t-1} = (∂h_t/∂h_{t-1})ᵀ ∂L/∂h_t = W_hhᵀ diag(φ'(a_t)) ∂L/∂h_t  (viết theo hàng: da @ W_hh)
    dh_prev = da @ w_hh
    return da, None, (dh_prev,)


# --8<-- [end:step_backward]


@functools.cache
def rnn_recurrence(nonlinearity: str) -> Recurrence:
    return Recurrence(
        n_gates=1,
        n_states=1,
        input_projection=input_projection,
        step=functools.partial(rnn_step, nonlinearity=nonlinearity),
        backward_factors=functools.partial(rnn_backward_factors, nonlinearity=nonlinearity),
        step_backward=rnn_step_backward,
    )


class RNNCell(CellBase):
    """Ô RNN cơ bản, cùng tham số và kết quả với ``torch.nn.RNNCell``.

    Tham số: ``weight_ih`` (H, I), ``weight_hh`` (H, H), ``bias_ih`` (H,), ``bias_hh`` (H,).
    ``nonlinearity``: ``"tanh"`` (mặc định), ``"relu"`` hoặc ``"identity"`` (RNN tuyến tính).
    """

    def __init__(self, input_size, hidden_size, bias=True, nonlinearity="tanh", device=None, dtype=None):
        self.recurrence = rnn_recurrence(_check_nonlinearity(nonlinearity))
        self.nonlinearity = nonlinearity
        super().__init__(input_size, hidden_size, bias, device=device, dtype=dtype)

    def extra_repr(self):
        return super().extra_repr() + f", nonlinearity={self.nonlinearity!r}"


def _check_nonlinearity(nonlinearity):
    if nonlinearity not in NONLINEARITIES:
        raise ValueError(
            f"nonlinearity phải là một trong {', '.join(map(repr, NONLINEARITIES))}, nhưng nhận được {nonlinearity!r}."
        )
    return nonlinearity
