"""Tầng ``RNN``, ``LSTM``, ``GRU``: cùng hàm tạo, cùng ``forward``, cùng ``state_dict`` với torch.nn.

Một tầng một chiều là ``bptt.run_sequence`` (vòng lặp thời gian với lượt ngược viết tay).
Mọi thứ khác được ghép từ nó, và phép ghép nằm ngay trong ``forward``:

- RNN hai chiều: chạy chiều xuôi trên x, chạy chiều ngược trên x đảo thời gian rồi đảo kết quả
  lại, ghép ``cat([xuôi, ngược], -1)``;
- RNN sâu: đầu ra của tầng k (sau dropout khi huấn luyện) là đầu vào của tầng k + 1.

Kích thước: T bước thời gian, B kích thước batch, I đặc trưng đầu vào, H nút ẩn,
L số tầng, D số chiều (1 hoặc 2).
"""

from __future__ import annotations

import torch
from torch import nn
from torch.nn import functional as F
from torch.nn.utils.rnn import PackedSequence, pack_padded_sequence, pad_packed_sequence

from . import _checks
from ._cell import reset_parameters
from .bptt import Recurrence, run_sequence
from .gru import GRU_RECURRENCE
from .lstm import LSTM_RECURRENCE
from .recording import hook_for
from .rnn import _check_nonlinearity, rnn_recurrence

# hậu tố tên tham số của mỗi chiều, như torch: weight_ih_l0 (xuôi), weight_ih_l0_reverse (ngược)
DIRECTIONS = ("", "_reverse")


def reverse_time(x: torch.Tensor, lengths: torch.Tensor | None) -> torch.Tensor:
    """Đảo thứ tự thời gian của (T, B, ...); với batch có độ dài khác nhau, đảo trong phạm vi độ dài của từng chuỗi."""
    if lengths is None:
        return x.flip(0)
    T = x.shape[0]
    t = torch.arange(T, device=x.device).unsqueeze(1)  # (T, 1)
    L = lengths.to(x.device).unsqueeze(0)  # (1, B)
    index = torch.where(t < L, L - 1 - t, t)  # (T, B): bước t của chuỗi đảo là bước L−1−t của chuỗi gốc
    return x.gather(0, index.view(T, -1, *([1] * (x.dim() - 2))).expand_as(x))


class RNNBase(nn.Module):
    """Phần chung của ``RNN``, ``LSTM``, ``GRU`` (xem docstring của mô-đun)."""

    recurrence: Recurrence

    def __init__(
        self,
        input_size,
        hidden_size,
        num_layers=1,
        bias=True,
        batch_first=False,
        dropout=0.0,
        bidirectional=False,
        device=None,
        dtype=None,
    ):
        super().__init__()
        self.input_size = _checks.check_size("input_size", input_size)
        self.hidden_size = _checks.check_size("hidden_size", hidden_size)
        self.num_layers = _checks.check_size("num_layers", num_layers)
        self.dropout = _checks.check_dropout(dropout)
        self.bias = bool(bias)
        self.batch_first = bool(batch_first)
        self.bidirectional = bool(bidirectional)
        G, H = self.recurrence.n_gates, self.hidden_size
        kw = {"device": device, "dtype": dtype}
        # tên và thứ tự như torch: weight_ih_l{k}{_reverse}, weight_hh_l{k}, bias_ih_l{k}, bias_hh_l{k}
        for layer in range(self.num_layers):
            layer_in = self.input_size if layer == 0 else H * self.num_directions
            for suffix in self.directions:
                self.register_parameter(f"weight_ih_l{layer}{suffix}", nn.Parameter(torch.empty(G * H, layer_in, **kw)))
                self.register_parameter(f"weight_hh_l{layer}{suffix}", nn.Parameter(torch.empty(G * H, H, **kw)))
                if self.bias:
                    self.register_parameter(f"bias_ih_l{layer}{suffix}", nn.Parameter(torch.empty(G * H, **kw)))
                    self.register_parameter(f"bias_hh_l{layer}{suffix}", nn.Parameter(torch.empty(G * H, **kw)))
        self.reset_parameters()

    @property
    def num_directions(self) -> int:
        return 2 if self.bidirectional else 1

    @property
    def directions(self) -> tuple:
        """Hậu tố của các chiều có trong tầng: ``("",)`` hoặc ``("", "_reverse")``."""
        return DIRECTIONS[: self.num_directions]

    reset_parameters = reset_parameters  # như ô: mọi tham số ~ U(−1/√H, 1/√H); nhận ``generator``

    def flatten_parameters(self):
        """Không làm gì; có để mã viết cho torch.nn (gọi hàm này với cuDNN) vẫn chạy."""

    def extra_repr(self):
        s = f"{self.input_size}, {self.hidden_size}"
        for name, default in (
            ("num_layers", 1),
            ("bias", True),
            ("batch_first", False),
            ("dropout", 0.0),
            ("bidirectional", False),
        ):
            if getattr(self, name) != default:
                s += f", {name}={getattr(self, name)}"
        return s

    def weights(self, layer: int, suffix: str = ""):
        """(W_ih, W_hh, b_ih, b_hh) của một tầng và một chiều (``suffix`` là "" hoặc "_reverse")."""
        get = lambda name: getattr(self, f"{name}_l{layer}{suffix}", None)  # noqa: E731
        return get("weight_ih"), get("weight_hh"), get("bias_ih"), get("bias_hh")

    # --8<-- [start:direction]
    def run_direction(self, x, state0, layer, suffix, lengths=None, mask=None):
        """Một tầng, một chiều. Chiều ngược: đảo thời gian, chạy như chiều xuôi, đảo kết quả lại."""
        reverse = suffix == "_reverse"
        if reverse:
            x = reverse_time(x, lengths)
        # ghi ∂L/∂h_t theo thứ tự thời gian gốc khi có ai đo (recording.record_hidden_grads)
        back_to_original = (lambda d: reverse_time(d, lengths)) if reverse else None
        on_backward = hook_for(f"l{layer}{suffix}", back_to_original)
        weights = self.weights(layer, suffix)
        out, state_T = run_sequence(self.recurrence, x, state0, *weights, mask=mask, on_backward=on_backward)
        if reverse:
            out = reverse_time(out, lengths)
        return out, state_T  # (T, B, H), tuple các (B, H)

    # --8<-- [end:direction]

    def forward(self, input, hx=None):
        """Như ``torch.nn.RNN/LSTM/GRU.forward``: trả về ``(output, h_n)``, với LSTM ``(output, (h_n, c_n))``.

        ``input``: (T, B, I), (B, T, I) nếu ``batch_first``, (T, I) khi không theo batch, hoặc
        ``PackedSequence``. ``hx``: (L*D, B, H) hoặc (L*D, H); với LSTM là cặp (h_0, c_0).
        """
        packed = isinstance(input, PackedSequence)
        lengths = sorted_indices = None
        if packed:
            # PackedSequence → batch đệm theo thứ tự đã sắp (dài nhất trước) và độ dài từng chuỗi
            x, lengths = pad_packed_sequence(PackedSequence(input.data, input.batch_sizes))  # (T, B, I)
            _checks.check_input(x, self.input_size, self.weight_ih_l0, {3: "(T, B, I) trong PackedSequence"})
            sorted_indices, batched = input.sorted_indices, True
        else:
            layout = "(B, T, I)" if self.batch_first else "(T, B, I)"
            _checks.check_input(
                input,
                self.input_size,
                self.weight_ih_l0,
                {2: "(T, I)", 3: layout},
                time_dim=1 if self.batch_first and input.dim() == 3 else 0,
            )
            batched = input.dim() == 3
            x = input if batched else input.unsqueeze(1)
            if batched and self.batch_first:
                x = x.transpose(0, 1)
        T, B = x.shape[:2]
        state0 = self._initial_state(hx, B, batched, x, sorted_indices)  # mỗi cái (L*D, B, H)
        mask = None
        if lengths is not None:
            mask = (torch.arange(T, device=x.device).unsqueeze(1) < lengths.to(x.device)).unsqueeze(-1)  # (T, B, 1)

        # --8<-- [start:stack]
        finals = []
        layer_input = x
        for layer in range(self.num_layers):
            k = layer * self.num_directions
            h0_fwd = tuple(s[k] for s in state0)
            fwd, state_fwd = self.run_direction(layer_input, h0_fwd, layer, "", lengths, mask)
            finals.append(state_fwd)
            if self.bidirectional:
                h0_bwd = tuple(s[k + 1] for s in state0)
                bwd, state_bwd = self.run_direction(layer_input, h0_bwd, layer, "_reverse", lengths, mask)
                finals.append(state_bwd)
                # RNN hai chiều: mỗi bước thấy cả quá khứ (xuôi) lẫn tương lai (ngược)
                layer_output = torch.cat([fwd, bwd], -1)  # (T, B, 2H)
            else:
                layer_output = fwd  # (T, B, H)
            if layer < self.num_layers - 1 and self.dropout > 0 and self.training:
                # dropout giữa các tầng, không sau tầng cuối, như torch
                layer_output = F.dropout(layer_output, self.dropout, training=True)
            layer_input = layer_output
        # --8<-- [end:stack]

        output = layer_input
        h_n = tuple(torch.stack([f[j] for f in finals]) for j in range(self.recurrence.n_states))  # (L*D, B, H)
        if packed:
            data = pack_padded_sequence(output, lengths).data
            output = PackedSequence(data, input.batch_sizes, input.sorted_indices, input.unsorted_indices)
            h_n = (
                tuple(h.index_select(1, input.unsorted_indices) for h in h_n)
                if input.unsorted_indices is not None
                else h_n
            )
        elif not batched:
            output, h_n = output.squeeze(1), tuple(h.squeeze(1) for h in h_n)
        elif self.batch_first:
            output = output.transpose(0, 1)
        return output, (h_n if self.recurrence.n_states > 1 else h_n[0])

    def _initial_state(self, hx, B, batched, x, sorted_indices):
        n_states = self.recurrence.n_states
        shape = (self.num_layers * self.num_directions, B, self.hidden_size)
        if hx is None:
            return tuple(x.new_zeros(shape) for _ in range(n_states))
        expected = shape if batched else (shape[0], shape[2])
        names = ("h_0", "c_0")[:n_states]
        states = _checks.check_states("Trạng thái ban đầu", hx, names, expected, self.weight_ih_l0)
        if not batched:
            states = tuple(s.unsqueeze(1) for s in states)
        if sorted_indices is not None:
            states = tuple(s.index_select(1, sorted_indices) for s in states)
        return states


class RNN(RNNBase):
    """RNN cơ bản nhiều tầng, như ``torch.nn.RNN``; ``nonlinearity`` thêm lựa chọn ``"identity"``."""

    def __init__(
        self,
        input_size,
        hidden_size,
        num_layers=1,
        nonlinearity="tanh",
        bias=True,
        batch_first=False,
        dropout=0.0,
        bidirectional=False,
        device=None,
        dtype=None,
    ):
        self.nonlinearity = _check_nonlinearity(nonlinearity)
        self.recurrence = rnn_recurrence(nonlinearity)
        super().__init__(input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional, device, dtype)

    def extra_repr(self):
        return super().extra_repr() + ("" if self.nonlinearity == "tanh" else f", nonlinearity={self.nonlinearity!r}")


class LSTM(RNNBase):
    """LSTM nhiều tầng, như ``torch.nn.LSTM`` (không có ``proj_size``)."""

    recurrence = LSTM_RECURRENCE


class GRU(RNNBase):
    """GRU nhiều tầng, như ``torch.nn.GRU``."""

    recurrence = GRU_RECURRENCE
