"""Vòng lặp huấn luyện nhỏ dùng chung cho các trang: cắt gradient tuỳ chọn, ghi chuẩn gradient
mỗi bước, thanh tiến trình (tqdm), và dừng với lỗi tiếng Việt rõ ràng khi mất mát hoặc gradient thành NaN/Inf.

    history = train(model, loss_fn, batches, optimizer=torch.optim.Adam(model.parameters(), 1e-2),
                    epochs=20, clip_norm=1.0)

``loss_fn(model, batch)`` trả về mất mát (số vô hướng) của một batch; ``batches`` là một danh sách
(hoặc một hàm ``batches(epoch)`` trả về danh sách) các batch, mỗi batch là gì cũng được.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Iterable

import torch

from .clip import clip_grad_norm_, clip_grad_value_, grad_norm
from .progress import progress_bar


@dataclasses.dataclass
class History:
    """Nhật ký huấn luyện: một giá trị cho mỗi bước cập nhật."""

    loss: list = dataclasses.field(default_factory=list)
    grad_norm: list = dataclasses.field(default_factory=list)  # chuẩn gradient trước khi cắt
    epoch_loss: list = dataclasses.field(default_factory=list)  # mất mát trung bình mỗi epoch


class TrainingDiverged(FloatingPointError):
    """Mất mát hoặc gradient không còn hữu hạn; ``history`` giữ những gì đã ghi được tới lúc đó."""

    def __init__(self, message: str, history: History):
        super().__init__(message)
        self.history = history


def train(
    model: torch.nn.Module,
    loss_fn: Callable,
    batches: Iterable | Callable[[int], Iterable],
    *,
    optimizer: torch.optim.Optimizer,
    epochs: int = 1,
    clip_norm: float | None = None,
    clip_value: float | None = None,
    progress: bool = True,
    stream=None,
    on_epoch: Callable[[int, History], bool | None] | None = None,
) -> History:
    """Huấn luyện ``model`` và trả về ``History``.

    ``clip_norm``: cắt theo chuẩn (``rnnlab.clip_grad_norm_``); ``clip_value``: cắt theo giá trị.
    ``progress``: thanh tiến trình (``rnnlab.progress``, mặc định ra stderr), cập nhật sau mỗi epoch.
    ``on_epoch(epoch, history)``: gọi sau mỗi epoch (để đánh giá, ghi lại...); trả về True để dừng sớm.
    Ném ``TrainingDiverged`` khi mất mát hoặc chuẩn gradient là NaN/Inf.
    """
    history = History()
    params = [p for p in model.parameters() if p.requires_grad]
    bar = progress_bar(epochs, "epoch", stream, disable=not progress)
    model.train()
    try:
        for epoch in range(1, epochs + 1):
            epoch_losses = []
            for batch in batches(epoch) if callable(batches) else batches:
                epoch_losses.append(
                    _step(model, loss_fn, batch, optimizer, params, clip_norm, clip_value, history, epoch)
                )
            history.epoch_loss.append(sum(epoch_losses) / max(len(epoch_losses), 1))
            norm = history.grad_norm[-1] if history.grad_norm else 0.0
            bar.set_postfix_str(f"mất mát {history.epoch_loss[-1]:.4f}, ‖g‖ {norm:.3g}", refresh=False)
            bar.update()
            if on_epoch is not None and on_epoch(epoch, history):
                break
    finally:
        bar.close()
    return history


def _step(model, loss_fn, batch, optimizer, params, clip_norm, clip_value, history: History, epoch: int) -> float:
    """Một bước cập nhật; ghi mất mát và ‖g‖ (trước khi cắt) vào ``history``, trả về mất mát."""
    where = f"ở epoch {epoch}, bước {len(history.loss) + 1}"
    optimizer.zero_grad()
    loss = loss_fn(model, batch)
    value = float(loss.detach())
    if not math.isfinite(value):
        raise TrainingDiverged(
            f"Mất mát thành {value} {where}: huấn luyện đã phân kỳ "
            "(thường do nổ gradient). Hãy thử cắt gradient (clip_norm=1.0) hoặc giảm tốc độ học.",
            history,
        )
    loss.backward()
    # ‖g‖ trước khi cắt
    norm = float(grad_norm(params))
    if not math.isfinite(norm):
        raise TrainingDiverged(
            f"Gradient không hữu hạn {where}: chuẩn tổng ‖g‖ = {norm}. "
            "Hãy thử cắt gradient (clip_norm=1.0), giảm tốc độ học, hoặc kiểm tra dữ liệu có NaN/Inf.",
            history,
        )
    if clip_norm is not None:
        clip_grad_norm_(params, clip_norm)
    if clip_value is not None:
        clip_grad_value_(params, clip_value)
    optimizer.step()
    history.loss.append(value)
    history.grad_norm.append(norm)
    return value
