"""Kiểm tra đầu vào và báo lỗi bằng tiếng Việt, trước khi torch kịp ném một lỗi khó hiểu.

Mỗi thông báo nói điều được chờ đợi và điều đã nhận.
"""

from __future__ import annotations

import numbers

import torch


def check_size(name: str, value, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise ValueError(f"{name} phải là số nguyên ≥ {minimum}, nhưng nhận được {value!r}.")
    return int(value)


def check_dropout(dropout) -> float:
    if isinstance(dropout, bool) or not isinstance(dropout, numbers.Real) or not 0 <= dropout <= 1:
        raise ValueError(f"dropout phải là một số trong đoạn [0, 1], nhưng nhận được {dropout!r}.")
    return float(dropout)


def check_tensor(name: str, value) -> torch.Tensor:
    if not isinstance(value, torch.Tensor):
        raise TypeError(f"{name} phải là một torch.Tensor, nhưng nhận được {type(value).__name__}.")
    return value


def check_input(x: torch.Tensor, input_size: int, weight: torch.Tensor, layouts: dict, time_dim=None):
    """``layouts`` ánh xạ số chiều hợp lệ → tên bố cục, ví dụ {2: "(T, I)", 3: "(T, B, I)"}."""
    check_tensor("Đầu vào", x)
    if x.dim() not in layouts:
        expected = " hoặc ".join(f"{d} chiều {layout}" for d, layout in layouts.items())
        raise ValueError(
            f"Đầu vào phải có {expected}, nhưng nhận được {x.dim()} chiều với kích thước {tuple(x.shape)}."
        )
    if x.shape[-1] != input_size:
        raise ValueError(
            f"Đầu vào phải có input_size = {input_size} đặc trưng ở chiều cuối, "
            f"nhưng nhận được {x.shape[-1]} (kích thước {tuple(x.shape)}, bố cục {layouts[x.dim()]})."
        )
    if time_dim is not None and x.shape[time_dim] == 0:
        raise ValueError(
            f"Chuỗi đầu vào rỗng: cần ít nhất 1 bước thời gian, nhưng nhận được T = 0 "
            f"(kích thước {tuple(x.shape)}, bố cục {layouts[x.dim()]})."
        )
    check_same_dtype("Đầu vào", x, weight)


def check_same_dtype(name: str, x: torch.Tensor, weight: torch.Tensor):
    if x.dtype != weight.dtype:
        raise TypeError(
            f"{name} có kiểu dữ liệu {x.dtype}, khác kiểu của trọng số ({weight.dtype}). "
            f"Hãy đưa về cùng một kiểu, ví dụ x.to({weight.dtype}) hoặc model.to({x.dtype})."
        )


def check_state(name: str, h, expected_shape: tuple, weight: torch.Tensor) -> torch.Tensor:
    check_tensor(name, h)
    if tuple(h.shape) != tuple(expected_shape):
        raise ValueError(f"{name} phải có kích thước {tuple(expected_shape)}, nhưng nhận được {tuple(h.shape)}.")
    check_same_dtype(name, h, weight)
    return h
