"""Lan truyền ngược qua thời gian (BPTT) viết tay cho mọi loại ô.

Ký hiệu kích thước dùng trong cả gói: T bước thời gian, B kích thước batch,
I số đặc trưng đầu vào, H số nút ẩn, G số cổng (RNN: 1, GRU: 3, LSTM: 4).

Mỗi loại ô (``rnn.py``, ``lstm.py``, ``gru.py``) cho bốn hàm:

- ``input_projection(x_t, W_ih, b_ih, b_hh)``: phần không phụ thuộc h;
- ``step(gi_t, state, W_hh, b_hh)``: một bước thời gian, trả về trạng thái mới và
  những gì bước ngược cần giữ lại (``cache``);
- ``backward_factors(cache, state_prev)``: các thừa số của đạo hàm không phụ thuộc
  gradient đến (như f'(a_t)), tính ngay trong lượt xuôi;
- ``step_backward(dstate, factors_t, W_hh)``: đạo hàm của một bước, trả về
  ``(∂L/∂gi_t, ∂L/∂gh_t hoặc None nếu bằng ∂L/∂gi_t, ∂L/∂state_{t-1})``.

Lượt xuôi chạy các bước từ t = 1 đến T. Lượt ngược đi ngược thời gian và ở mỗi bước
nhân gradient với ma trận Jacobi của bước:

    ∂L/∂h_{t-1} = (∂h_t/∂h_{t-1})ᵀ ∂L/∂h_t,      ∂h_t/∂h_{t-1} = diag(f'(a_t)) W_hh

Tích của T ma trận Jacobi đó là nơi gradient biến mất hoặc nổ (xem trang "Vấn đề
gradient"). Gradient của W_ih, W_hh và các bias được cộng dồn ngay trong vòng lặp trên
các tensor nhỏ (B, ·): gom ∂L/∂gi_t của mọi bước thành một tensor (T, B, ·) rồi nhân một
lần sau vòng lặp phải chép các tensor đó vào, và trên máy đo việc chép tốn hơn phần lợi
(lượt ngược GRU chậm đi 15–18%). Phép chiếu đầu vào W_ih x_t thì là một phép nhân cho
mọi t trước vòng lặp xuôi.

Một loại ô có thể cho thêm ``fast_sequence``: một ``torch.autograd.Function`` tính cả chuỗi
với ít phép gọi hơn (LSTM: ``lstm_fast.py``), dùng khi không có mặt nạ độ dài và không ai ghi
∂L/∂h_t. Kiểm thử so nó với ``BPTT`` chạy các hàm ở trên.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import torch


@dataclass(frozen=True)
class Recurrence:
    """Bốn hàm mô tả một loại ô hồi tiếp (xem docstring của mô-đun)."""

    n_gates: int
    n_states: int
    input_projection: Callable
    step: Callable
    backward_factors: Callable
    step_backward: Callable
    # đường nhanh cho cả chuỗi (một ``torch.autograd.Function``), cùng kết quả, dùng khi không có mặt nạ
    # và không ai ghi ∂L/∂h_t; ``None``: luôn dùng ``BPTT`` với các hàm ở trên
    fast_sequence: type | None = None


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

    ``mask[t, b]`` = False nghĩa là chuỗi b đã hết trước bước t (batch có độ dài khác nhau):
    trạng thái được giữ nguyên qua bước đó. ``on_backward(dhs)`` nhận ∂L/∂h_t của mọi t
    (T, B, H) khi lượt ngược chạy, để đo dòng gradient.
    """

    @staticmethod
    def forward(ctx, recurrence, x, mask, on_backward, keep, w_ih, w_hh, b_ih, b_hh, *state0):
        # gi_t = W_ih x_t + b_ih (+ b_hh với RNN, LSTM) cho mọi t trong một phép nhân    (T, B, G*H)
        gis = recurrence.input_projection(x, w_ih, b_ih, b_hh).unbind(0)
        state = state0
        outputs, saved = [], []
        for t, gi in enumerate(gis):
            new_state, cache = recurrence.step(gi, state, w_hh, b_hh)
            if keep:
                # lượt ngược cần h_{t-1} (cho ∂L/∂W_hh) và các thừa số đạo hàm của bước t
                saved.append((state[0],) + tuple(recurrence.backward_factors(cache, state)))
            if mask is not None:
                # chuỗi đã hết: giữ nguyên trạng thái cũ
                new_state = tuple(torch.where(mask[t], n, s) for n, s in zip(new_state, state))
            state = new_state
            outputs.append(state[0])
        hs = torch.stack(outputs)  # (T, B, H)

        ctx.recurrence, ctx.mask, ctx.on_backward = recurrence, mask, on_backward
        ctx.per_step = len(saved[0]) if saved else 0
        # save_for_backward (không gán thẳng vào ctx) để torch báo lỗi nếu ai sửa tại chỗ các tensor này
        ctx.save_for_backward(x, w_ih, w_hh, b_ih, b_hh, *[v for step in saved for v in step])
        return (hs,) + tuple(s.clone() for s in state)

    @staticmethod
    @torch.autograd.function.once_differentiable
    def backward(ctx, dhs, *dstate_T):
        x, w_ih, w_hh, b_ih, b_hh, *flat = ctx.saved_tensors
        n = ctx.per_step
        saved = [flat[k : k + n] for k in range(0, len(flat), n)]  # theo từng t: (h_{t-1}, *thừa số)
        recurrence, mask = ctx.recurrence, ctx.mask
        need_x, need_w_ih, need_w_hh, need_b_ih, need_b_hh = (ctx.needs_input_grad[k] for k in (1, 5, 6, 7, 8))
        T = x.shape[0]
        h0 = saved[0][0]
        dstate = tuple(torch.zeros_like(h0) if d is None else d for d in dstate_T)
        dhs = [None] * T if dhs is None else dhs.unbind(0)
        dx = torch.empty_like(x) if need_x else None
        dw_ih, dw_hh = torch.zeros_like(w_ih), torch.zeros_like(w_hh)
        db_ih = db_hh = None
        dh_total = [None] * T
        # --8<-- [start:loop]
        for t in reversed(range(T)):
            # ∂L/∂h_t = phần đến từ đầu ra y_t + phần đến từ bước t+1
            if dhs[t] is not None:
                dstate = (dstate[0] + dhs[t],) + dstate[1:]
            dh_total[t] = dstate[0]
            if mask is not None:
                kept = tuple(torch.where(mask[t], 0.0, d) for d in dstate)
                dstate = tuple(torch.where(mask[t], d, 0.0) for d in dstate)
            h_prev, *factors = saved[t]
            # một bước ngược: nhân với ma trận Jacobi của bước t, ra ∂L/∂h_{t-1}
            dgi, dgh, dstate = recurrence.step_backward(dstate, factors, w_hh)
            shared = dgh is None  # RNN, LSTM: ∂L/∂gh_t = ∂L/∂gi_t
            dgh = dgi if shared else dgh
            # ∂L/∂x_t = W_ihᵀ ∂L/∂gi_t;  ∂L/∂W_ih += ∂L/∂gi_t x_tᵀ;  ∂L/∂W_hh += ∂L/∂gh_t h_{t-1}ᵀ
            if need_x:
                torch.mm(dgi, w_ih, out=dx[t])
            if need_w_ih:
                dw_ih.addmm_(dgi.t(), x[t])
            if need_w_hh:
                dw_hh.addmm_(dgh.t(), h_prev)
            # ∂L/∂b_ih += Σ_b ∂L/∂gi_t,  ∂L/∂b_hh += Σ_b ∂L/∂gh_t
            if b_ih is not None:
                db_ih = dgi.sum(0) if db_ih is None else db_ih.add_(dgi.sum(0))
                if not shared:
                    db_hh = dgh.sum(0) if db_hh is None else db_hh.add_(dgh.sum(0))
            if mask is not None:
                dstate = tuple(d + k for d, k in zip(dstate, kept))
        # --8<-- [end:loop]
        if ctx.on_backward is not None:
            ctx.on_backward(torch.stack(dh_total))
        if b_ih is not None and db_hh is None:
            db_hh = db_ih.clone()
        return (
            None,
            dx,
            None,
            None,
            None,
            dw_ih if need_w_ih else None,
            dw_hh if need_w_hh else None,
            db_ih if need_b_ih else None,
            db_hh if need_b_hh else None,
        ) + dstate


def run_sequence(
    recurrence: Recurrence,
    x: torch.Tensor,
    state0: tuple,
    w_ih: torch.Tensor,
    w_hh: torch.Tensor,
    b_ih: torch.Tensor | None,
    b_hh: torch.Tensor | None,
    mask: torch.Tensor | None = None,
    on_backward: Callable | None = None,
):
    """Chạy ``recurrence`` trên cả chuỗi ``x`` (T, B, I); trả về ``(hs, state_T)``."""
    tensors = (x, w_ih, w_hh, b_ih, b_hh) + tuple(state0)
    # chỉ giữ các tensor cho lượt ngược khi sẽ có lượt ngược (không trong torch.no_grad)
    keep = torch.is_grad_enabled() and any(t is not None and t.requires_grad for t in tensors)
    if recurrence.fast_sequence is not None and mask is None and on_backward is None:
        hs, *state = recurrence.fast_sequence.apply(keep, x, w_ih, w_hh, b_ih, b_hh, *state0)
        return hs, tuple(state)
    hs, *state = BPTT.apply(recurrence, x, mask, on_backward, keep, w_ih, w_hh, b_ih, b_hh, *state0)
    return hs, tuple(state)
