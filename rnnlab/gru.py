"""GRU (nút hồi tiếp có cổng): một bước, đạo hàm của bước đó, và ô ``GRUCell``.

Thứ tự cổng như ``torch.nn.GRU``: r, z, n (trong W_ih, W_hh là 3 khối H hàng).

    r_t = σ(W_ir x_t + b_ir + W_hr h_{t-1} + b_hr)             cổng đặt lại
    z_t = σ(W_iz x_t + b_iz + W_hz h_{t-1} + b_hz)             cổng cập nhật
    n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t-1} + b_hn))  trạng thái ẩn ứng viên
    h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t-1}

Khác với bài báo gốc (Cho và cộng sự, 2014), nơi n_t = tanh(W_in x_t + W_hn (r_t ⊙ h_{t-1}) + b),
torch nhân r_t *sau* phép nhân ma trận W_hn h_{t-1} (và b_hn nằm trong ngoặc). Hai dạng cho
kết quả khác nhau; ta theo torch để nạp được trọng số của ``torch.nn.GRU``.
"""

from __future__ import annotations

import torch
from torch.nn import functional as F

from ._cell import CellBase
from .bptt import Recurrence, dsigmoid, dtanh


# --8<-- [start:step]
def gru_input_projection(x, w_ih, b_ih, b_hh):
    """Phần không phụ thuộc h: W_ih x + b_ih (b_hh ở lại trong bước vì b_hn nằm trong r ⊙ (·))."""
    # gi = W_ih x + b_ih; F.linear gộp phép cộng bias vào phép nhân ma trận           (..., 3H)
    return F.linear(x, w_ih, b_ih)


def gru_step(gi, state, w_hh, b_hh):
    """Một bước: ``gi`` (B, 3H) = W_ih x_t + b_ih; ``state`` = (h_{t-1},)."""
    (h,) = state
    # gh = W_hh h_{t-1} + b_hh                                                (B, 3H)
    gh = h @ w_hh.t()
    if b_hh is not None:
        gh = gh + b_hh
    gi_r, gi_z, gi_n = gi.chunk(3, 1)  # mỗi khối (B, H), thứ tự r, z, n
    gh_r, gh_z, gh_n = gh.chunk(3, 1)
    # r_t = σ(W_ir x_t + b_ir + W_hr h_{t-1} + b_hr)
    r = torch.sigmoid(gi_r + gh_r)
    # z_t = σ(W_iz x_t + b_iz + W_hz h_{t-1} + b_hz)
    z = torch.sigmoid(gi_z + gh_z)
    # n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t-1} + b_hn))
    n = torch.tanh(gi_n + r * gh_n)
    # h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t-1}
    h_new = (1 - z) * n + z * h
    return (h_new,), (r, z, n, gh_n)


# --8<-- [end:step]


# --8<-- [start:step_backward]
def gru_backward_factors(cache, state_prev):
    """Các thừa số của đạo hàm không phụ thuộc gradient đến, tính ngay trong lượt xuôi (B, ·).

    Gọi pre_r, pre_z, pre_n là các cổng trước hàm kích hoạt; ``dsigmoid(s)`` = σ(1 − σ),
    ``dtanh(t)`` = 1 − t² (tensor mới, nên ``.mul_`` nhân tiếp tại chỗ).
    """
    r, z, n, gh_n = cache  # mỗi cái (B, H)
    (h_prev,) = state_prev
    # h_t = (1 − z) ⊙ n + z ⊙ h_{t-1}:  ∂h_t/∂pre_n = (1 − z) ⊙ (1 − n²)
    dh_dpre_n = dtanh(n).mul_(1 - z)
    # ∂h_t/∂pre_z = (h_{t-1} − n) ⊙ σ'(pre_z)
    dh_dpre_z = dsigmoid(z).mul_(h_prev - n)
    # pre_n = gi_n + r ⊙ gh_n:  ∂h_t/∂pre_r = ∂h_t/∂pre_n ⊙ gh_n ⊙ σ'(pre_r)
    dh_dpre_r = dsigmoid(r).mul_(gh_n).mul_(dh_dpre_n)
    # gi = W_ih x + b_ih chạm các cổng trực tiếp; gh_n = W_hn h + b_hn đi qua phép nhân với r
    dh_dgi = torch.cat([dh_dpre_r, dh_dpre_z, dh_dpre_n], -1)  # (B, 3H)
    dh_dgh = torch.cat([dh_dpre_r, dh_dpre_z, dh_dpre_n * r], -1)  # (B, 3H)
    return z, dh_dgi, dh_dgh


def gru_step_backward(dstate, factors, w_hh):
    """Đạo hàm của ``gru_step``: trả về ∂L/∂gi_t, ∂L/∂gh_t và ∂L/∂h_{t-1}."""
    (dh,), (z, dh_dgi, dh_dgh) = dstate, factors
    dh3 = dh.repeat(1, 3)  # (B, 3H): cùng ∂L/∂h_t cho cả ba khối r, z, n
    dgi = dh3 * dh_dgi
    dgh = dh3 * dh_dgh
    # ∂L/∂h_{t-1} = z ⊙ ∂L/∂h_t (đường tắt của cổng cập nhật) + W_hhᵀ ∂L/∂gh
    dh_prev = torch.addmm(dh * z, dgh, w_hh)
    return dgi, dgh, (dh_prev,)


# --8<-- [end:step_backward]


GRU_RECURRENCE = Recurrence(
    n_gates=3,
    n_states=1,
    input_projection=gru_input_projection,
    step=gru_step,
    backward_factors=gru_backward_factors,
    step_backward=gru_step_backward,
)


class GRUCell(CellBase):
    """Ô GRU, cùng tham số và kết quả với ``torch.nn.GRUCell``.

    Tham số: ``weight_ih`` (3H, I), ``weight_hh`` (3H, H), ``bias_ih`` (3H,), ``bias_hh`` (3H,),
    các khối theo thứ tự r, z, n.
    """

    recurrence = GRU_RECURRENCE
