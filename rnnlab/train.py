"""Vòng lặp huấn luyện nhỏ dùng chung cho các trang: cắt gradient tuỳ chọn, ghi chuẩn gradient
mỗi bước, thanh tiến trình, và dừng với lỗi tiếng Việt rõ ràng khi mất mát hoặc gradient thành NaN/Inf.

    history = train(model, loss_fn, batches, optimizer=torch.optim.Adam(model.parameters(), 1e-2),
                    epochs=20, clip_norm=1.0)

``loss_fn(model, batch)`` trả về mất mát (số vô hướng) của một batch; ``batches`` là một danh sách
(hoặc một hàm ``batches(epoch)`` trả về danh sách) các batch, mỗi batch là gì cũng được.
"""

from __future__ import annotations

import dataclasses
import math
import sys
import time
from collections.abc import Callable, Iterable

import torch

from .clip import clip_grad_norm_, clip_grad_value_


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


def _progress(epoch: int, epochs: int, loss: float, norm: float, start: float, stream) -> None:
    # trên terminal: một dòng tự cập nhật; trong tệp nhật ký: khoảng 5 dòng cho cả quá trình
    interactive = getattr(stream, "isatty", lambda: False)()
    if not interactive and epoch % max(1, epochs // 5) and epoch != epochs:
        return
    width = 24
    done = int(width * epoch / epochs)
    bar = "█" * done + "·" * (width - done)
    line = f"[{bar}] epoch {epoch}/{epochs}  mất mát {loss:.4f}  ‖g‖ {norm:.3g}  {time.perf_counter() - start:.1f}s"
    if interactive:
        print("\r" + line, end="\n" if epoch == epochs else "", file=stream, flush=True)
    else:
        print(line, file=stream, flush=True)


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
) -> History:
    """Huấn luyện ``model`` và trả về ``History``.

    ``clip_norm``: cắt theo chuẩn (``rnnlab.clip_grad_norm_``); ``clip_value``: cắt theo giá trị.
    ``progress``: in thanh tiến trình (mặc định ra stderr) sau mỗi epoch.
    Ném ``TrainingDiverged`` khi mất mát hoặc chuẩn gradient là NaN/Inf.
    """
    stream = sys.stderr if stream is None else stream
    history = History()
    params = [p for p in model.parameters() if p.requires_grad]
    start = time.perf_counter()
    model.train()
    for epoch in range(1, epochs + 1):
        epoch_losses = []
        for batch in batches(epoch) if callable(batches) else batches:
            optimizer.zero_grad()
            loss = loss_fn(model, batch)
            value = float(loss.detach())
            if not math.isfinite(value):
                raise TrainingDiverged(
                    f"Mất mát thành {value} ở epoch {epoch}, bước {len(history.loss) + 1}: huấn luyện đã phân kỳ "
                    "(thường do nổ gradient). Hãy thử cắt gradient (clip_norm=1.0) hoặc giảm tốc độ học.",
                    history,
                )
            loss.backward()
            # ‖g‖ trước khi cắt; error_if_nonfinite bắt gradient NaN/Inf
            try:
                if clip_norm is not None:
                    norm = clip_grad_norm_(params, clip_norm, error_if_nonfinite=True)
                else:
                    norm = clip_grad_norm_(params, float("inf"), error_if_nonfinite=True)
            except RuntimeError as err:
                raise TrainingDiverged(
                    f"Gradient không hữu hạn ở epoch {epoch}, bước {len(history.loss) + 1}: {err} "
                    "Hãy thử cắt gradient (clip_norm=1.0) hoặc giảm tốc độ học.",
                    history,
                ) from err
            if clip_value is not None:
                clip_grad_value_(params, clip_value)
            optimizer.step()
            history.loss.append(value)
            history.grad_norm.append(float(norm))
            epoch_losses.append(value)
        history.epoch_loss.append(sum(epoch_losses) / max(len(epoch_losses), 1))
        if progress:
            _progress(
                epoch,
                epochs,
                history.epoch_loss[-1],
                history.grad_norm[-1] if history.grad_norm else 0.0,
                start,
                stream,
            )
    return history
