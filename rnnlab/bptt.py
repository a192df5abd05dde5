"""Lan truyền ngược qua thời gian (BPTT) viết tay cho mọi loại ô.

Kí hiệu kích thước dùng trong cả gói: T bước thời gian, B kích thước lô,
I số đặc trưng đầu vào, H số nút ẩn, G số cổng (RNN: 1, GRU: 3, LSTM: 4).

Mỗi loại ô (``rnn.py``, ``lstm.py``, ``gru.py``) cho bốn hàm:

- ``input_projection(x, W_ih, b_ih, b_hh)``: phần không phụ thuộc h, tính một lần
  cho cả chuỗi bằng một phép nhân ma trận lớn;
- ``step(gi_t, state, W_hh, b_hh)``: một bước thời gian, trả về trạng thái mới và
  những gì bước ngược cần giữ lại (``cache``);
- ``backward_factors(cache, state_prev)``: các thừa số của đạo hàm không phụ thuộc
  gradient đến (như f'(a_t)), tính cho mọi t cùng lúc trên các tensor (T, B, ·);
- ``step_backward(dstate, factors_t, W_hh)``: đạo hàm của một bước, trả về
  ``(∂L/∂gi_t, ∂L/∂gh_t hoặc None nếu bằng ∂L/∂gi_t, ∂L/∂state_{t-1})``.

Lượt xuôi chạy các bước từ t = 1 đến T. Lượt ngược đi ngược thời gian và ở mỗi bước
nhân gradient với ma trận Jacobi của bước:

    ∂L/∂h_{t-1} = (∂h_t/∂h_{t-1})ᵀ ∂L/∂h_t,      ∂h_t/∂h_{t-1} = diag(f'(a_t)) W_hh

Tích của T ma trận Jacobi đó là nơi gradient biến mất hoặc nổ (xem trang "Vấn đề
gradient"). Gradient của W_ih, W_hh và các bias được cộng dồn qua mọi bước bằng vài
phép nhân ma trận lớn sau vòng lặp, nên vòng lặp Python chỉ còn phần thật sự tuần tự.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

import torch


@dataclass(frozen=True)
class Recurrence:
    """Ba hàm mô tả một loại ô hồi tiếp (xem docstring của mô-đun)."""

    name: str
    n_gates: int
    n_states: int
    input_projection: Callable
    step: Callable
    backward_factors: Callable
    step_backward: Callable


def dsigmoid(s: torch.Tensor) -> torch.Tensor:
    """σ'(a) viết theo s = σ(a): s − s² (một tensor mới)."""
    return torch.addcmul(s, s, s, value=-1)


def dtanh(t: torch.Tensor) -> torch.Tensor:
    """tanh'(a) viết theo t = tanh(a): 1 − t² (một tensor mới)."""
    return torch.addcmul(t.new_ones(()), t, t, value=-1)


class BPTT(torch.autograd.Function):
    """Cả chuỗi qua một tầng, một chiều, với lượt ngược viết tay.

    Đầu vào của ``apply``: ``recurrence, x (T, B, I), mask (T, B, 1) hoặc None,
    on_backward (hàm hoặc None), keep (có giữ tensor cho lượt ngược), W_ih, W_hh, b_ih, b_hh, *state0``.
    Đầu ra: ``hs (T, B, H)`` và trạng thái cuối ``*state_T``.

    ``mask[t, b]`` = False nghĩa là chuỗi b đã hết trước bước t (lô có độ dài khác nhau):
    trạng thái được giữ nguyên qua bước đó. ``on_backward(dhs)`` nhận ∂L/∂h_t của mọi t
    (T, B, H) khi lượt ngược chạy, để đo dòng gradient.
    """

    @staticmethod
    def forward(ctx, recurrence, x, mask, on_backward, keep, w_ih, w_hh, b_ih, b_hh, *state0):
        T = x.shape[0]
        # gi_t = W_ih x_t + b_ih (+ b_hh với RNN, LSTM) cho mọi t cùng lúc      (T, B, G*H)
        gi = recurrence.input_projection(x, w_ih, b_ih, b_hh).unbind(0)
        state = state0
        states, caches = [state0], []  # trạng thái trước bước 1 và sau mỗi bước; những gì lượt ngược cần
        for t in range(T):
            new_state, cache = recurrence.step(gi[t], state, w_hh, b_hh)
            if mask is not None:
                # chuỗi đã hết: giữ nguyên trạng thái cũ
                new_state = tuple(torch.where(mask[t], n, s) for n, s in zip(new_state, state))
            state = new_state
            states.append(state)
            caches.append(cache)
        hs = torch.stack([s[0] for s in states[1:]])  # (T, B, H)

        prev_states, stacked_caches = (), ()
        if keep:
            # trạng thái đưa vào bước t là h_{t-1} (và c_{t-1} với LSTM)                  mỗi cái (T, B, H)
            prev_states = tuple(torch.stack([s[j] for s in states[:-1]]) for j in range(len(state0)))
            stacked_caches = tuple(torch.stack(parts) for parts in zip(*caches))  # mỗi cái (T, B, ·)
        ctx.recurrence, ctx.mask, ctx.on_backward = recurrence, mask, on_backward
        ctx.n_states = len(state0)
        # save_for_backward (không gán thẳng vào ctx) để torch báo lỗi nếu ai sửa tại chỗ các tensor này
        ctx.save_for_backward(x, w_ih, w_hh, b_ih, b_hh, *prev_states, *stacked_caches)
        return (hs,) + tuple(s.clone() for s in state)

    @staticmethod
    @torch.autograd.function.once_differentiable
    def backward(ctx, dhs, *dstate_T):
        x, w_ih, w_hh, b_ih, b_hh, *saved = ctx.saved_tensors
        prev_states, caches = tuple(saved[: ctx.n_states]), tuple(saved[ctx.n_states :])
        recurrence, mask = ctx.recurrence, ctx.mask
        T = x.shape[0]
        # các thừa số không phụ thuộc gradient đến: vài phép tính lớn trên (T, B, ·) thay vì T phép nhỏ
        factors = recurrence.backward_factors(caches, prev_states)
        factors = list(zip(*[[None] * T if f is None else f.unbind(0) for f in factors]))  # theo từng t
        dstate = tuple(torch.zeros_like(s[0]) if d is None else d for d, s in zip(dstate_T, prev_states))
        dhs = torch.zeros_like(prev_states[0]) if dhs is None else dhs
        dhs = dhs.unbind(0)
        dh_total, dgi, dgh = [None] * T, [None] * T, [None] * T
        # --8<-- [start:loop]
        for t in reversed(range(T)):
            # ∂L/∂h_t = phần đến từ đầu ra y_t + phần đến từ bước t+1
            dstate = (dstate[0] + dhs[t],) + dstate[1:]
            dh_total[t] = dstate[0]
            if mask is not None:
                kept = tuple(torch.where(mask[t], 0.0, d) for d in dstate)
                dstate = tuple(torch.where(mask[t], d, 0.0) for d in dstate)
            # một bước ngược: nhân với ma trận Jacobi của bước t, ra ∂L/∂h_{t-1}
            dgi[t], dgh[t], dstate = recurrence.step_backward(dstate, factors[t], w_hh)
            if mask is not None:
                dstate = tuple(d + k for d, k in zip(dstate, kept))
        # --8<-- [end:loop]
        if ctx.on_backward is not None:
            ctx.on_backward(torch.stack(dh_total))

        dgi = torch.stack(dgi).flatten(0, 1)  # (T*B, G*H)
        # RNN, LSTM: gradient qua W_hh bằng gradient qua W_ih (step_backward trả None)
        dgh = dgi if dgh[0] is None else torch.stack(dgh).flatten(0, 1)  # (T*B, G*H)
        h_prev = prev_states[0].flatten(0, 1)  # (T*B, H)
        need_x, need_w_ih, need_w_hh, need_b_ih, need_b_hh = (ctx.needs_input_grad[k] for k in (1, 5, 6, 7, 8))
        # ∂L/∂x_t = W_ihᵀ ∂L/∂gi_t                                              (T, B, I)
        dx = (dgi @ w_ih).view(x.shape) if need_x else None
        # ∂L/∂W_ih = Σ_t ∂L/∂gi_t x_tᵀ,  ∂L/∂W_hh = Σ_t ∂L/∂gh_t h_{t-1}ᵀ
        dw_ih = dgi.t() @ x.flatten(0, 1) if need_w_ih else None
        dw_hh = dgh.t() @ h_prev if need_w_hh else None
        db_ih = dgi.sum(0) if b_ih is not None and need_b_ih else None
        if b_hh is None or not need_b_hh:
            db_hh = None
        else:
            db_hh = db_ih.clone() if dgh is dgi and db_ih is not None else dgh.sum(0)
        return (None, dx, None, None, None, dw_ih, dw_hh, db_ih, db_hh) + dstate


def run_sequence(
    recurrence: Recurrence,
    x: torch.Tensor,
    state0: tuple,
    w_ih: torch.Tensor,
    w_hh: torch.Tensor,
    b_ih: Optional[torch.Tensor],
    b_hh: Optional[torch.Tensor],
    mask: Optional[torch.Tensor] = None,
    on_backward: Optional[Callable] = None,
):
    """Chạy ``recurrence`` trên cả chuỗi ``x`` (T, B, I); trả về ``(hs, state_T)``."""
    tensors = (x, w_ih, w_hh, b_ih, b_hh) + tuple(state0)
    # chỉ giữ các tensor cho lượt ngược khi sẽ có lượt ngược (không trong torch.no_grad)
    keep = torch.is_grad_enabled() and any(t is not None and t.requires_grad for t in tensors)
    hs, *state = BPTT.apply(recurrence, x, mask, on_backward, keep, w_ih, w_hh, b_ih, b_hh, *state0)
    return hs, tuple(state)
