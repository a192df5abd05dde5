"""LSTM (bộ nhớ dài-ngắn hạn): một bước, đạo hàm của bước đó, và ô ``LSTMCell``.

Thứ tự cổng như ``torch.nn.LSTM``: i, f, g, o (trong W_ih, W_hh là 4 khối H hàng).

    i_t = σ(W_ii x_t + b_ii + W_hi h_{t-1} + b_hi)      cổng đầu vào
    f_t = σ(W_if x_t + b_if + W_hf h_{t-1} + b_hf)      cổng quên
    g_t = tanh(W_ig x_t + b_ig + W_hg h_{t-1} + b_hg)   ô nhớ ứng viên
    o_t = σ(W_io x_t + b_io + W_ho h_{t-1} + b_ho)      cổng đầu ra
    c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t                     trạng thái ô nhớ
    h_t = o_t ⊙ tanh(c_t)                               trạng thái ẩn

Đường c_{t-1} → c_t chỉ nhân với f_t (không có ma trận, không có tanh): khi f_t gần 1,
gradient đi qua nhiều bước mà gần như không nhỏ đi.
"""

from __future__ import annotations

import torch

from ._cell import CellBase
from .bptt import Recurrence, dsigmoid, dtanh
from .lstm_fast import LSTMSequence
from .rnn import input_projection  # W_ih x_t + b_ih + b_hh, như RNN


# --8<-- [start:step]
def lstm_step(gi, state, w_hh, b_hh):
    """Một bước: ``gi`` (B, 4H) đã gồm W_ih x_t + b_ih + b_hh; ``state`` = (h_{t-1}, c_{t-1})."""
    h, c = state
    # cả bốn cổng trong một phép nhân: pre = W_ih x_t + b + W_hh h_{t-1}      (B, 4H)
    pre = gi + h @ w_hh.t()
    pre_i, pre_f, pre_g, pre_o = pre.chunk(4, 1)  # mỗi khối (B, H), thứ tự i, f, g, o
    # i_t = σ(pre_i)
    i = torch.sigmoid(pre_i)
    # f_t = σ(pre_f)
    f = torch.sigmoid(pre_f)
    # g_t = tanh(pre_g)
    g = torch.tanh(pre_g)
    # o_t = σ(pre_o)
    o = torch.sigmoid(pre_o)
    # c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t
    c_new = f * c + i * g
    # h_t = o_t ⊙ tanh(c_t)
    tanh_c = torch.tanh(c_new)
    h_new = o * tanh_c
    return (h_new, c_new), (i, f, g, o, tanh_c)


# --8<-- [end:step]


# --8<-- [start:step_backward]
def lstm_backward_factors(cache, state_prev):
    """Các thừa số của đạo hàm không phụ thuộc gradient đến, tính ngay trong lượt xuôi (B, ·).

    Gọi pre_i, pre_f, pre_g, pre_o là các cổng trước hàm kích hoạt. ``dsigmoid(s)`` = σ(1 − σ) và
    ``dtanh(t)`` = 1 − t² trả về tensor mới, nên ``.mul_`` nhân tiếp tại chỗ, không tạo thêm tensor lớn.
    """
    i, f, g, o, tanh_c = cache  # mỗi cái (B, H)
    c_prev = state_prev[1]
    # ∂h_t/∂c_t = o_t ⊙ (1 − tanh²(c_t))
    dh_dc = dtanh(tanh_c).mul_(o)
    # ∂c_t/∂pre_i = g ⊙ σ'(pre_i),  ∂c_t/∂pre_f = c_{t-1} ⊙ σ'(pre_f),  ∂c_t/∂pre_g = i ⊙ tanh'(pre_g)
    dc_dpre = torch.stack([dsigmoid(i).mul_(g), dsigmoid(f).mul_(c_prev), dtanh(g).mul_(i)], -2)  # (B, 3, H)
    # ∂h_t/∂pre_o = tanh(c_t) ⊙ σ'(pre_o)
    dh_dpre_o = dsigmoid(o).mul_(tanh_c)
    return f, dh_dc, dc_dpre, dh_dpre_o


def lstm_step_backward(dstate, factors, w_hh):
    """Đạo hàm của ``lstm_step``: từ (∂L/∂h_t, ∂L/∂c_t) ra gradient của các cổng và của (h_{t-1}, c_{t-1})."""
    (dh, dc), (f, dh_dc, dc_dpre, dh_dpre_o) = dstate, factors
    # ∂L/∂c_t (toàn phần) = phần từ bước sau + ∂L/∂h_t ⊙ ∂h_t/∂c_t
    dc = torch.addcmul(dc, dh, dh_dc)
    # ∂L/∂(pre_i, pre_f, pre_g) = ∂L/∂c_t ⊙ ∂c_t/∂(·);  ∂L/∂pre_o = ∂L/∂h_t ⊙ ∂h_t/∂pre_o    (B, 4H)
    dgates = torch.cat([(dc.unsqueeze(1) * dc_dpre).flatten(1), dh * dh_dpre_o], 1)
    # ∂L/∂c_{t-1} = f_t ⊙ ∂L/∂c_t: con đường không qua ma trận hay hàm nén nào
    dc_prev = dc * f
    # ∂L/∂h_{t-1} = W_hhᵀ ∂L/∂gates                                            (B, H)
    dh_prev = dgates @ w_hh
    return dgates, None, (dh_prev, dc_prev)


# --8<-- [end:step_backward]


LSTM_RECURRENCE = Recurrence(
    n_gates=4,
    n_states=2,
    input_projection=input_projection,
    step=lstm_step,
    backward_factors=lstm_backward_factors,
    step_backward=lstm_step_backward,
    fast_sequence=LSTMSequence,
)


class LSTMCell(CellBase):
    """Ô LSTM, cùng tham số và kết quả với ``torch.nn.LSTMCell``.

    Tham số: ``weight_ih`` (4H, I), ``weight_hh`` (4H, H), ``bias_ih`` (4H,), ``bias_hh`` (4H,),
    các khối theo thứ tự i, f, g, o. Trạng thái là cặp ``(h, c)``.
    """

    recurrence = LSTM_RECURRENCE
