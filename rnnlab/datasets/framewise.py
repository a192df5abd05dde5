"""Gán nhãn từng khung (frame) cho chuỗi "âm thanh" tổng hợp: mô hình rút gọn của nhận dạng giọng nói.

Trong nhận dạng giọng nói, tín hiệu được cắt thành các khung ngắn (vài chục mili giây) và mỗi khung
được gán một nhãn (âm vị). Một âm thường chỉ nhận ra chắc chắn khi đã nghe cả những âm đến sau nó.
Ở đây ta giữ đúng cấu trúc đó, bỏ hết phần âm học:

- mỗi khung t có một "âm" ẩn ``c_t`` ∈ {0, ..., C−1}, rút ngẫu nhiên độc lập;
- vectơ đặc trưng của khung là ``x_t = p[c_t] + nhiễu``, với ``p[c]`` là vectơ mẫu của âm c
  (giống như một phổ tần số đặc trưng) và nhiễu chuẩn độ lệch ``noise``;
- nhãn của khung t là âm của khung đến sau nó ``shift`` bước: ``y_t = c_{t+shift}``.
  ``shift`` khung cuối không có nhãn (giá trị ``IGNORE`` = −100, mà ``cross_entropy`` bỏ qua).

Một mô hình chỉ đọc từ trái sang phải chưa thấy ``x_{t+shift}`` khi phải trả lời ở khung t, nên
không thể làm tốt hơn đoán mò (độ chính xác ≈ 1/C). Một RNN hai chiều thấy cả phía sau, nên có thể
gần 100%. Đây không phải là tiếng nói thật, chỉ là một bài toán nhỏ có cùng kiểu phụ thuộc.
"""

from __future__ import annotations

import dataclasses

import torch

from .._checks import check_integer

__all__ = ["FramewiseData", "make_framewise", "IGNORE"]

IGNORE = -100  # nhãn của các khung không có nhãn, như ignore_index mặc định của cross_entropy


@dataclasses.dataclass
class FramewiseData:
    """Một tập dữ liệu: ``x`` (T, N, I) float32, ``y`` (T, N) int64, ``sounds`` (T, N) int64.

    Bố cục theo thời gian trước, như đầu vào mặc định của ``rnnlab.RNN`` / ``torch.nn.RNN``.
    ``sounds`` là âm ẩn c_t của mỗi khung (để kiểm tra); ``prototypes`` (C, I) là các vectơ mẫu.
    """

    x: torch.Tensor
    y: torch.Tensor
    sounds: torch.Tensor
    prototypes: torch.Tensor
    shift: int

    @property
    def n_classes(self) -> int:
        return self.prototypes.shape[0]


def draw_prototypes(n_classes: int, n_features: int, seed: int, prototypes: torch.Tensor | None = None) -> torch.Tensor:
    """Các vectơ mẫu (C, I) của các âm: rút từ ``seed`` khi bỏ trống, kiểm tra kích thước khi được truyền vào."""
    if prototypes is None:
        return torch.randn(n_classes, n_features, generator=torch.Generator().manual_seed(10_000 + seed))
    if tuple(prototypes.shape) != (n_classes, n_features):
        raise ValueError(
            f"prototypes phải có kích thước ({n_classes}, {n_features}), nhưng nhận được {tuple(prototypes.shape)}."
        )
    return prototypes.float()


def make_framewise(
    n_sequences: int = 512,
    length: int = 30,
    n_classes: int = 5,
    n_features: int = 8,
    shift: int = 3,
    noise: float = 0.3,
    seed: int = 0,
    prototypes: torch.Tensor | None = None,
) -> FramewiseData:
    """Sinh ``n_sequences`` chuỗi, mỗi chuỗi ``length`` khung, ``n_features`` đặc trưng mỗi khung.

    ``prototypes`` (C, I): các vectơ mẫu; bỏ trống thì rút từ ``seed``. Tập kiểm tra phải dùng
    **cùng** vectơ mẫu với tập huấn luyện (cùng "bảng âm") nhưng ``seed`` khác, ví dụ::

        train = make_framewise(512, seed=0)
        test = make_framewise(256, seed=1, prototypes=train.prototypes)

    Cùng tham số và ``seed`` cho cùng dữ liệu.
    """
    for name, value, minimum in (
        ("n_sequences", n_sequences, 1),
        ("length", length, 2),
        ("n_classes", n_classes, 2),
        ("n_features", n_features, 1),
        ("shift", shift, 0),
    ):
        check_integer(name, value, minimum)
    if shift >= length:
        raise ValueError(f"shift ({shift}) phải nhỏ hơn độ dài chuỗi ({length}).")
    if not noise >= 0:
        raise ValueError(f"noise phải ≥ 0, nhưng nhận được {noise!r}.")
    g = torch.Generator().manual_seed(seed)
    prototypes = draw_prototypes(n_classes, n_features, seed, prototypes)
    sounds = torch.randint(0, n_classes, (length, n_sequences), generator=g)  # (T, N)
    x = prototypes[sounds] + noise * torch.randn(length, n_sequences, n_features, generator=g)  # (T, N, I)
    y = torch.full_like(sounds, IGNORE)
    # y_t = c_{t+shift}: nhãn của khung t là âm đến sau nó shift khung
    y[: length - shift] = sounds[shift:]
    return FramewiseData(x=x, y=y, sounds=sounds, prototypes=prototypes, shift=shift)
