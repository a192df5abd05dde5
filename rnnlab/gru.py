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

from ._cell import CellBase
from .bptt import Recurrence


# --8<-- [start:step]
def gru_input_projection(x, w_ih, b_ih, b_hh):
    """Phần không phụ thuộc h: W_ih x + b_ih (b_hh ở lại trong bước vì b_hn nằm trong r ⊙ (·))."""
    gi = x @ w_ih.t()  # (..., 3H)
    if b_ih is not None:
        gi = gi + b_ih
    return gi


def gru_step(gi, state, w_hh, b_hh):
    """Một bước: ``gi`` (B, 3H) = W_ih x_t + b_ih; ``state`` = (h_{t-1},)."""
    (h,) = state
    # gh = W_hh h_{t-1} + b_hh                                                (B, 3H)
    gh = h @ w_hh.t() if b_hh is None else torch.addmm(b_hh, h, w_hh.t())
    gi_r, gi_z, gi_n = gi.chunk(3, 1)
    gh_r, gh_z, gh_n = gh.chunk(3, 1)
    # r_t = σ(gi_r + gh_r),  z_t = σ(gi_z + gh_z)
    r = torch.sigmoid(gi_r + gh_r)
    z = torch.sigmoid(gi_z + gh_z)
    # n_t = tanh(gi_n + r_t ⊙ gh_n)
    n = torch.tanh(torch.addcmul(gi_n, r, gh_n))
    # h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t-1} = n_t + z_t ⊙ (h_{t-1} − n_t)
    h_new = torch.addcmul(n, z, h - n)
    return (h_new,), (r, z, n, gh_n)
# --8<-- [end:step]


# --8<-- [start:step_backward]
def gru_step_backward(dstate, cache, state_prev, w_hh):
    """Đạo hàm của ``gru_step``: trả về ∂L/∂gi_t, ∂L/∂gh_t và ∂L/∂h_{t-1}."""
    (dh,), (r, z, n, gh_n), (h_prev,) = dstate, cache, state_prev
    # h_t = (1 − z) ⊙ n + z ⊙ h_{t-1}
    dn = dh * (1 - z)
    dz = dh * (h_prev - n)
    # n = tanh(gi_n + r ⊙ gh_n)
    dn_pre = dn * (1 - n * n)
    dr = dn_pre * gh_n
    # qua σ: σ' = σ(1 − σ)
    dr_pre = dr * r * (1 - r)
    dz_pre = dz * z * (1 - z)
    dgi = torch.cat([dr_pre, dz_pre, dn_pre], 1)  # (B, 3H)
    dgh = torch.cat([dr_pre, dz_pre, dn_pre * r], 1)  # (B, 3H)
    # ∂L/∂h_{t-1} = z ⊙ ∂L/∂h_t (đường tắt của cổng cập nhật) + W_hhᵀ ∂L/∂gh
    dh_prev = torch.addmm(dh * z, dgh, w_hh)
    return dgi, dgh, (dh_prev,)
# --8<-- [end:step_backward]


GRU_RECURRENCE = Recurrence(
    name="GRU",
    n_gates=3,
    n_states=1,
    input_projection=gru_input_projection,
    step=gru_step,
    step_backward=gru_step_backward,
)


class GRUCell(CellBase):
    """Ô GRU, cùng tham số và kết quả với ``torch.nn.GRUCell``.

    Tham số: ``weight_ih`` (3H, I), ``weight_hh`` (3H, H), ``bias_ih`` (3H,), ``bias_hh`` (3H,),
    các khối theo thứ tự r, z, n.
    """

    n_gates = 3
    recurrence = GRU_RECURRENCE
