"""Kiểm tra đầu vào và báo lỗi bằng tiếng Việt, trước khi torch kịp ném một lỗi khó hiểu.

Mỗi thông báo nói điều được chờ đợi và điều đã nhận.
"""

from __future__ import annotations

import numbers

import torch


def check_integer(
    name: str, value, minimum: int | None = None, maximum: int | None = None, wrong_type=ValueError
) -> int:
    """``value`` là số nguyên (không phải bool) trong [minimum, maximum]; ``wrong_type``: lỗi khi không phải số nguyên."""
    bounds = (
        f" trong [{minimum}, {maximum}]"
        if minimum is not None and maximum is not None
        else f" ≥ {minimum}"
        if minimum is not None
        else f" ≤ {maximum}"
        if maximum is not None
        else ""
    )
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise wrong_type(f"{name} phải là số nguyên{bounds}, nhưng nhận được {value!r} ({type(value).__name__}).")
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise ValueError(f"{name} phải là số nguyên{bounds}, nhưng nhận được {value!r}.")
    return int(value)


def check_size(name: str, value, minimum: int = 1) -> int:
    return check_integer(name, value, minimum)


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


def check_states(name: str, hx, names: tuple, expected_shape: tuple, weight: torch.Tensor) -> tuple:
    """Trạng thái ``hx`` của một ô hay một tầng: một tensor khi ``names`` có một tên (h), cặp khi có hai (h, c).

    Trả về bộ các tensor đã kiểm tra, theo thứ tự của ``names``.
    """
    if len(names) == 1:
        hx = (hx,)
    elif not isinstance(hx, (tuple, list)) or len(hx) != len(names):
        raise TypeError(
            f"{name} phải là cặp ({', '.join(names)}) gồm {len(names)} tensor, nhưng nhận được {type(hx).__name__}."
        )
    return tuple(check_state(f"{name} {n}", s, expected_shape, weight) for n, s in zip(names, hx))
