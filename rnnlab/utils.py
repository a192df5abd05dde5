"""Đóng gói batch có độ dài khác nhau, với thông báo lỗi tiếng Việt."""

from __future__ import annotations

import torch
from torch.nn.utils import rnn as torch_rnn


def pack_padded_sequence(input, lengths, batch_first=False, enforce_sorted=True):
    """Như ``torch.nn.utils.rnn.pack_padded_sequence`` nhưng kiểm tra độ dài trước và báo lỗi rõ ràng."""
    lengths_t = torch.as_tensor(lengths).cpu()
    values = lengths_t.tolist()
    T = input.shape[1 if batch_first else 0]
    if lengths_t.dim() != 1 or len(values) != input.shape[0 if batch_first else 1]:
        raise ValueError(
            f"lengths phải có một độ dài cho mỗi chuỗi trong batch ({input.shape[0 if batch_first else 1]}), "
            f"nhưng nhận được {values}."
        )
    bad = [v for v in values if not 1 <= v <= T]
    if bad:
        raise ValueError(
            f"Mỗi độ dài phải nằm trong [1, {T}] (T của batch đệm), nhưng có {bad} trong lengths = {values}."
        )
    if enforce_sorted and any(a < b for a, b in zip(values, values[1:])):
        raise ValueError(
            f"Với enforce_sorted=True, lengths phải giảm dần (chuỗi dài nhất trước), nhưng nhận được {values}. "
            "Hãy sắp xếp batch theo độ dài giảm dần, hoặc dùng enforce_sorted=False."
        )
    return torch_rnn.pack_padded_sequence(input, lengths_t, batch_first=batch_first, enforce_sorted=enforce_sorted)
