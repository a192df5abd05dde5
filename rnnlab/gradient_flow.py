"""Đo dòng gradient qua thời gian.

- ``hidden_grad_norms``: ‖∂L/∂h_t‖ ở mỗi bước t, cho mọi tầng và mọi chiều. Các giá trị này
  chính là biến ``dstate`` trong vòng lặp ngược của ``bptt.BPTT.backward``; ``recording`` ghi lại,
  mô-đun này chỉ đọc bản ghi (các tầng không biết gì về nó).
- ``jacobian_norms``: ‖∂h_t/∂h_{t-1}‖ của từng bước và ‖∂h_T/∂h_t‖ (tích các ma trận Jacobi
  từ t đến T), chuẩn phổ (giá trị kỳ dị lớn nhất).

Với RNN tuyến tính và W_hh = ρ·Q (Q trực giao), ∂h_T/∂h_t = W_hh^(T−t) nên ‖∂h_T/∂h_t‖ = ρ^(T−t):
ρ < 1 thì gradient biến mất theo hàm mũ, ρ > 1 thì nổ.
"""

from __future__ import annotations

import torch

from .recording import record_hidden_grads


def hidden_grad_norms(model, input, loss_fn, hx=None) -> dict:
    """‖∂L/∂h_t‖ cho t = 1..T, mỗi tầng và mỗi chiều: ``{"l0": (T,), "l0_reverse": (T,), ...}``.

    ``loss_fn(output, h_n)`` nhận đúng những gì ``model(input, hx)`` trả về và cho một số vô hướng L.
    Chuẩn lấy trên cả batch và mọi nút ẩn. Không cộng gì vào ``.grad`` của mô hình.
    """
    with record_hidden_grads() as store:
        output, h_n = model(input, hx)
        loss = loss_fn(output, h_n)
        params = [p for p in model.parameters() if p.requires_grad]
        torch.autograd.grad(loss, params, allow_unused=True)
    # theo thứ tự của mô hình: l0, l0_reverse, l1, ... (lượt ngược ghi theo thứ tự ngược lại)
    keys = [f"l{layer}{d}" for layer in range(model.num_layers) for d in model.directions]
    return {key: store[key].flatten(1).norm(dim=1) for key in keys if key in store}


def jacobian_norms(model, input, layer: int = 0, suffix: str = "") -> dict:
    """Chuẩn phổ của các ma trận Jacobi theo trạng thái ẩn, cho một chuỗi ``input`` (T, I).

    Trả về ``{"step": (T,), "to_last": (T + 1,)}`` với ``step[t-1] = ‖∂h_t/∂h_{t-1}‖`` (t = 1..T) và
    ``to_last[t] = ‖∂h_T/∂h_t‖`` (t = 0..T, ``to_last[T] = 1``). Các tầng dưới ``layer`` chạy với
    trạng thái ban đầu bằng 0 để cho đầu vào của tầng đó. Với LSTM, trạng thái là (h, c) và
    ``∂h_T/∂h_t`` là khối h–h của tích Jacobi theo cả (h, c).
    """
    x = input if input.dim() == 3 else input.unsqueeze(1)  # (T, 1, I)
    if x.shape[1] != 1:
        raise ValueError(
            f"jacobian_norms cần đúng một chuỗi (T, I) hoặc (T, 1, I), nhưng nhận được {tuple(input.shape)}."
        )
    rec, H = model.recurrence, model.hidden_size
    zeros = tuple(x.new_zeros(1, H) for _ in range(rec.n_states))
    with torch.no_grad():
        for lower in range(layer):
            x = torch.cat([model.run_direction(x, zeros, lower, s)[0] for s in model.directions], -1)
        if suffix == "_reverse":
            x = x.flip(0)
        w_ih, w_hh, b_ih, b_hh = (w.detach() if w is not None else None for w in model.weights(layer, suffix))
        gi = rec.input_projection(x, w_ih, b_ih, b_hh)  # (T, 1, G*H)

    def step_flat(t, s):  # trạng thái phẳng (S,) → trạng thái phẳng (S,), S = n_states * H
        state = tuple(part.unsqueeze(0) for part in s.split(H))
        new_state, _ = rec.step(gi[t], state, w_hh, b_hh)
        return torch.cat(new_state, -1).squeeze(0)

    T = x.shape[0]
    s = torch.cat(zeros, -1).squeeze(0)
    jacobians = []
    for t in range(T):
        # J_t = ∂s_t/∂s_{t-1}                                                 (S, S)
        jacobians.append(torch.autograd.functional.jacobian(lambda v, t=t: step_flat(t, v), s))
        with torch.no_grad():
            s = step_flat(t, s)
    step = torch.stack([torch.linalg.matrix_norm(J[:H, :H], ord=2) for J in jacobians])
    to_last = [torch.ones((), dtype=x.dtype)]
    P = torch.eye(s.numel(), dtype=x.dtype, device=x.device)
    for J in reversed(jacobians):
        # ∂s_T/∂s_{t-1} = ∂s_T/∂s_t · ∂s_t/∂s_{t-1}
        P = P @ J
        to_last.append(torch.linalg.matrix_norm(P[:H, :H], ord=2))
    return {"step": step, "to_last": torch.stack(to_last[::-1])}
