"""Phần chung của ba ô ``RNNCell``, ``LSTMCell``, ``GRUCell``: tham số, khởi tạo, kiểm tra đầu vào.

Công thức của từng ô nằm trong ``rnn.py``, ``lstm.py``, ``gru.py``; ô chỉ gọi đúng một bước.
"""

from __future__ import annotations

import math

import torch
from torch import nn

from . import _checks
from .bptt import Recurrence


def reset_parameters(module: nn.Module, generator: torch.Generator | None = None) -> None:
    """Như torch: mọi tham số ~ U(−1/√H, 1/√H), theo thứ tự đăng ký, nên cùng seed cho cùng số.

    Dùng làm phương thức ``reset_parameters`` của ô (``CellBase``) và tầng (``layers.RNNBase``).
    ``generator``: lấy số ngẫu nhiên từ đây thay vì bộ sinh chung của torch (không đụng tới seed chung).
    """
    bound = 1.0 / math.sqrt(module.hidden_size)
    for p in module.parameters():
        nn.init.uniform_(p, -bound, bound, generator=generator)


class CellBase(nn.Module):
    recurrence: Recurrence  # các hàm của một bước (xem bptt.py)

    def __init__(self, input_size, hidden_size, bias=True, device=None, dtype=None):
        super().__init__()
        self.input_size = _checks.check_size("input_size", input_size)
        self.hidden_size = _checks.check_size("hidden_size", hidden_size)
        self.bias = bool(bias)
        # G: số khối H hàng trong weight_ih, weight_hh (RNN 1, GRU 3, LSTM 4)
        G, H, I = self.recurrence.n_gates, self.hidden_size, self.input_size
        kw = {"device": device, "dtype": dtype}
        self.weight_ih = nn.Parameter(torch.empty(G * H, I, **kw))  # (G*H, I)
        self.weight_hh = nn.Parameter(torch.empty(G * H, H, **kw))  # (G*H, H)
        if self.bias:
            self.bias_ih = nn.Parameter(torch.empty(G * H, **kw))  # (G*H,)
            self.bias_hh = nn.Parameter(torch.empty(G * H, **kw))  # (G*H,)
        else:
            self.register_parameter("bias_ih", None)
            self.register_parameter("bias_hh", None)
        self.reset_parameters()

    reset_parameters = reset_parameters

    def extra_repr(self):
        s = f"{self.input_size}, {self.hidden_size}"
        return s if self.bias else s + ", bias=False"

    def forward(self, input, hx=None):
        """``input``: (B, I) hoặc (I,); ``hx``: h (B, H) — với LSTM là cặp (h, c) — hoặc None (số 0)."""
        _checks.check_input(input, self.input_size, self.weight_ih, {1: "(I,)", 2: "(B, I)"})
        batched = input.dim() == 2
        x = input if batched else input.unsqueeze(0)
        n_states = self.recurrence.n_states
        shape = (x.shape[0], self.hidden_size)
        if hx is None:
            state = tuple(x.new_zeros(shape) for _ in range(n_states))
        else:
            names = ("h", "c")[:n_states]
            state = _checks.check_states("Trạng thái", hx, names, shape if batched else shape[1:], self.weight_ih)
            state = state if batched else tuple(s.unsqueeze(0) for s in state)
        gi = self.recurrence.input_projection(x, self.weight_ih, self.bias_ih, self.bias_hh)
        new_state, _ = self.recurrence.step(gi, state, self.weight_hh, self.bias_hh)
        new_state = new_state if batched else tuple(s.squeeze(0) for s in new_state)
        return new_state if n_states > 1 else new_state[0]
