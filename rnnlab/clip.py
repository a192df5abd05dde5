"""Cắt gradient, viết tường minh; cùng chữ ký và kết quả với ``torch.nn.utils``.

Cắt theo chuẩn giữ nguyên hướng của gradient và chỉ thu nhỏ độ dài:

    nếu ‖g‖ > max_norm:  g ← g · max_norm / ‖g‖

Cắt theo giá trị kẹp từng thành phần vào [−clip_value, clip_value], nên có thể đổi hướng.
Không cách nào làm một gradient đã biến mất lớn lên lại: cắt chỉ chữa được nổ gradient.
"""

from __future__ import annotations

from collections.abc import Iterable

import torch

Params = torch.Tensor | Iterable[torch.Tensor]


def _grads(parameters: Params) -> list:
    if isinstance(parameters, torch.Tensor):
        parameters = [parameters]
    return [p.grad for p in parameters if p.grad is not None]


def grad_norm(parameters: Params, norm_type: float = 2.0) -> torch.Tensor:
    """Chuẩn tổng ‖g‖ của mọi gradient (như thể ghép thành một vectơ); 0 khi chưa có gradient nào."""
    return _total_norm(_grads(parameters), float(norm_type))


def _total_norm(grads: list, norm_type: float) -> torch.Tensor:
    if not grads:
        return torch.tensor(0.0)
    # ‖g‖ = chuẩn của vectơ ghép mọi gradient = chuẩn của các chuẩn từng tensor
    per_tensor = torch.stack([torch.linalg.vector_norm(g, norm_type) for g in grads])
    return torch.linalg.vector_norm(per_tensor, norm_type)


def clip_grad_norm_(
    parameters: Params, max_norm: float, norm_type: float = 2.0, error_if_nonfinite: bool = False, foreach=None
) -> torch.Tensor:
    """Thu nhỏ mọi gradient cùng một hệ số để chuẩn tổng không vượt ``max_norm``; trả về chuẩn trước khi cắt.

    ``foreach`` có mặt để cùng chữ ký với torch và không được dùng.
    """
    grads = _grads(parameters)
    if not grads:
        return torch.tensor(0.0)
    norm_type = float(norm_type)
    total_norm = _total_norm(grads, norm_type)
    if error_if_nonfinite and not torch.isfinite(total_norm):
        raise RuntimeError(
            f"Chuẩn tổng của gradient (bậc {norm_type}) là {total_norm.item()} (không hữu hạn), nên không thể cắt. "
            "Hãy giảm tốc độ học, kiểm tra dữ liệu có NaN/Inf, hoặc đặt error_if_nonfinite=False."
        )
    # hệ số = max_norm / (‖g‖ + 1e-6), kẹp ở 1 (không bao giờ phóng to)
    coef = torch.clamp(max_norm / (total_norm + 1e-6), max=1.0)
    for g in grads:
        g.mul_(coef.to(g.dtype))
    return total_norm


def clip_grad_value_(parameters: Params, clip_value: float, foreach=None) -> None:
    """Kẹp từng thành phần gradient vào [−clip_value, clip_value] (tại chỗ)."""
    clip_value = float(clip_value)
    for g in _grads(parameters):
        g.clamp_(min=-clip_value, max=clip_value)
