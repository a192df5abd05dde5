"""Chuỗi "âm thanh" tổng hợp mà mỗi âm kéo dài nhiều khung: nhãn của một khung cần cả hai phía.

Trong tiếng nói thật, một âm vị kéo dài nhiều khung liên tiếp, và một khung nghe riêng thì mơ hồ.
Ở đây:

- chuỗi gồm các **đoạn**; mỗi đoạn là một "âm" ``c`` ∈ {0, ..., C−1} rút ngẫu nhiên (khác âm của đoạn
  trước) và kéo dài một số khung rút đều trong [``min_run``, ``max_run``];
- vectơ đặc trưng của khung t là ``x_t = p[c_t] + nhiễu``, nhiễu chuẩn độ lệch ``noise`` (lớn: một
  khung riêng lẻ thường bị nhận nhầm);
- nhãn của khung t là âm của chính nó: ``y_t = c_t``.

Muốn gán đúng một khung, nên gom bằng chứng từ các khung cùng đoạn, ở cả phía trước lẫn phía sau.
Một mô hình chỉ đọc từ trái sang phải chỉ có phần đoạn bên trái khung t (ở khung đầu đoạn: không có gì).
"""

from __future__ import annotations

import torch

from .._checks import check_integer
from .framewise import FramewiseData, draw_prototypes

__all__ = ["make_segments"]


def make_segments(
    n_sequences: int = 512,
    length: int = 30,
    n_classes: int = 5,
    n_features: int = 8,
    min_run: int = 2,
    max_run: int = 6,
    noise: float = 1.5,
    seed: int = 0,
    prototypes: torch.Tensor | None = None,
) -> FramewiseData:
    """Sinh ``n_sequences`` chuỗi ``length`` khung; trả về ``FramewiseData`` (``shift`` = 0, mọi khung có nhãn).

    ``prototypes`` (C, I): các vectơ mẫu; bỏ trống thì rút từ ``seed``. Tập kiểm tra dùng cùng
    ``prototypes`` với tập huấn luyện và ``seed`` khác. Cùng tham số và ``seed`` cho cùng dữ liệu.
    """
    for name, value, minimum in (
        ("n_sequences", n_sequences, 1),
        ("length", length, 1),
        ("n_classes", n_classes, 2),
        ("n_features", n_features, 1),
        ("min_run", min_run, 1),
        ("max_run", max_run, 1),
    ):
        check_integer(name, value, minimum)
    if max_run < min_run:
        raise ValueError(f"Cần min_run ≤ max_run, nhưng nhận được min_run={min_run}, max_run={max_run}.")
    if not noise >= 0:
        raise ValueError(f"noise phải ≥ 0, nhưng nhận được {noise!r}.")
    g = torch.Generator().manual_seed(seed)
    prototypes = draw_prototypes(n_classes, n_features, seed, prototypes)
    sounds = torch.empty(length, n_sequences, dtype=torch.long)  # (T, N)
    for n in range(n_sequences):
        t, previous = 0, -1
        while t < length:
            run = int(torch.randint(min_run, max_run + 1, (1,), generator=g))
            # âm của đoạn mới khác âm của đoạn trước: cộng một số trong 1..C−1 rồi lấy dư
            if previous < 0:
                sound = int(torch.randint(0, n_classes, (1,), generator=g))
            else:
                sound = (previous + int(torch.randint(1, n_classes, (1,), generator=g))) % n_classes
            sounds[t : t + run, n] = sound
            t, previous = t + run, sound
    x = prototypes[sounds] + noise * torch.randn(length, n_sequences, n_features, generator=g)  # (T, N, I)
    return FramewiseData(x=x, y=sounds.clone(), sounds=sounds, prototypes=prototypes, shift=0)
