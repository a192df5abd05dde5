"""Một thiết lập nổ gradient, huấn luyện có và không có cắt gradient.

Thiết lập: RNN tanh một tầng, H = 16 nút ẩn, W_hh = 1,5·Q (Q trực giao, nên mọi giá trị kỳ dị
của W_hh bằng 1,5), bài toán cộng với T = 50, SGD thuần với tốc độ học 0,1, batch 32 chuỗi. Phần lớn
các bước có gradient cỡ vài đơn vị, nhưng thỉnh thoảng gradient vọt lên gấp hàng trăm, hàng nghìn
lần: một bước SGD với gradient đó ném tham số đi rất xa và mất mát vọt lên hoặc thành NaN.

``run`` huấn luyện bằng ``rnnlab.train``; một lần chạy được coi là phân kỳ khi ``rnnlab.train``
ném ``TrainingDiverged`` (mất mát hoặc gradient thành NaN/Inf) hoặc khi mất mát vượt ``LOSS_BOUND``.
"""

from __future__ import annotations

import dataclasses
import math
import statistics

import torch

from ..clip import clip_grad_norm_, clip_grad_value_
from ..train import History, TrainingDiverged, train
from .adding import AddingModel, adding_batch
from .flow import orthogonal

LOSS_BOUND = 10.0  # mất mát trên mức này (60 lần mốc 1/6 của bài toán cộng) được tính là phân kỳ
SCALE = 1.5  # W_hh = SCALE·Q
LR = 0.1
HIDDEN_SIZE = 16
SEQ_LEN = 50
BATCH_SIZE = 32


def make_model(seed: int = 0, scale: float = SCALE, hidden_size: int = HIDDEN_SIZE) -> AddingModel:
    """RNN tanh cho bài toán cộng, với W_hh = scale·Q."""
    model = AddingModel("rnn", hidden_size, seed=seed)
    with torch.no_grad():
        model.rnn.weight_hh_l0.copy_(scale * orthogonal(hidden_size, seed, torch.float32))
    return model


def batches(seed: int, steps: int, seq_len: int = SEQ_LEN, batch_size: int = BATCH_SIZE) -> list:
    g = torch.Generator().manual_seed(2_000 + seed)
    return [adding_batch(batch_size, seq_len, g) for _ in range(steps)]


def loss_fn(model, batch):
    x, y = batch
    return ((model(x) - y) ** 2).mean()


@dataclasses.dataclass
class ExplodingRun:
    """Một lần huấn luyện. ``loss``, ``grad_norm`` (trước khi cắt): một giá trị mỗi bước đã chạy."""

    seed: int
    clip: str  # "không cắt", "theo chuẩn", "theo giá trị"
    loss: list
    grad_norm: list
    diverged_at: int | None  # bước (tính từ 1) mà mất mát/gradient thành NaN/Inf hoặc mất mát > LOSS_BOUND
    reason: str  # "" khi không phân kỳ
    nonfinite_at: int | None = None  # bước mà rnnlab.train dừng vì mất mát/gradient thành NaN/Inf

    @property
    def diverged(self) -> bool:
        return self.diverged_at is not None


def run(
    seed: int = 0,
    *,
    clip_norm: float | None = None,
    clip_value: float | None = None,
    steps: int = 300,
    lr: float = LR,
    scale: float = SCALE,
    hidden_size: int = HIDDEN_SIZE,
    seq_len: int = SEQ_LEN,
    loss_bound: float = LOSS_BOUND,
) -> ExplodingRun:
    """Huấn luyện thiết lập nổ gradient ``steps`` bước bằng SGD, có thể cắt theo chuẩn hoặc theo giá trị."""
    model = make_model(seed, scale, hidden_size)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    clip = "theo chuẩn" if clip_norm is not None else "theo giá trị" if clip_value is not None else "không cắt"
    diverged_at, reason, nonfinite_at = None, "", None
    try:
        history = train(
            model,
            loss_fn,
            batches(seed, steps, seq_len),
            optimizer=optimizer,
            epochs=1,
            clip_norm=clip_norm,
            clip_value=clip_value,
            progress=False,
        )
    except TrainingDiverged as err:
        history = err.history
        diverged_at = nonfinite_at = len(history.loss) + 1
        reason = "NaN/Inf"
    big = [k for k, v in enumerate(history.loss, start=1) if v > loss_bound]
    if big and (diverged_at is None or big[0] < diverged_at):
        diverged_at, reason = big[0], f"mất mát > {loss_bound:g}"
    return ExplodingRun(seed, clip, history.loss, history.grad_norm, diverged_at, reason, nonfinite_at)


def observed_norms(runs: list) -> list:
    """Chuẩn gradient quan sát được ở các lần chạy không cắt, chỉ lấy các bước trước khi phân kỳ."""
    out = []
    for r in runs:
        stop = r.diverged_at - 1 if r.diverged else len(r.grad_norm)
        out += [n for n in r.grad_norm[:stop] if math.isfinite(n)]
    return out


def pick_threshold(norms: list) -> float:
    """Ngưỡng cắt theo chuẩn = trung vị các chuẩn gradient quan sát được (Pascanu và cộng sự 2013
    gợi ý quanh mức trung bình; trung vị không bị vài bước nổ kéo lên)."""
    if not norms:
        raise ValueError("Cần ít nhất một chuẩn gradient hữu hạn để chọn ngưỡng cắt.")
    return float(statistics.median(norms))


def value_threshold(norm_threshold: float, model: torch.nn.Module) -> float:
    """Ngưỡng cắt theo giá trị tương ứng: τ/√P, với P số tham số; khi đó chuẩn gradient sau khi cắt
    theo giá trị cũng không vượt τ."""
    n_params = sum(p.numel() for p in model.parameters())
    return norm_threshold / math.sqrt(n_params)


def clip_cosines(seed: int = 0, n_batches: int = 8, norm_threshold: float = 1.0) -> dict:
    """Cô-sin giữa gradient gốc và gradient sau khi cắt, trên vài batch của thiết lập nổ gradient lúc khởi tạo.

    Trả về ``{"norm": [...], "value": [...], "grad_norm": [...]}``: cắt theo chuẩn giữ nguyên hướng
    (cô-sin = 1), cắt theo giá trị thì không.
    """
    model = make_model(seed)
    params = list(model.parameters())
    tau_v = value_threshold(norm_threshold, model)
    out = {"norm": [], "value": [], "grad_norm": []}
    for batch in batches(seed, n_batches):
        model.zero_grad()
        loss_fn(model, batch).backward()
        g = torch.cat([p.grad.flatten() for p in params]).clone()
        clip_grad_norm_(params, norm_threshold)
        g_norm = torch.cat([p.grad.flatten() for p in params])
        for p, piece in zip(params, g.split([p.numel() for p in params])):
            p.grad.copy_(piece.view_as(p))
        clip_grad_value_(params, tau_v)
        g_value = torch.cat([p.grad.flatten() for p in params])
        out["grad_norm"].append(float(g.norm()))
        out["norm"].append(float(torch.nn.functional.cosine_similarity(g, g_norm, dim=0)))
        out["value"].append(float(torch.nn.functional.cosine_similarity(g, g_value, dim=0)))
    return out


def plot_losses(axes, groups: dict, loss_bound: float = LOSS_BOUND):
    """Mất mát theo bước (trục dọc log) của mỗi nhóm ``{tên: [ExplodingRun, ...]}``, mỗi nhóm một ô trong ``axes``."""
    for ax, (name, group) in zip(axes, groups.items()):
        for r in group:
            ax.semilogy(range(1, len(r.loss) + 1), r.loss, lw=1)
        ax.axhline(loss_bound, color="black", ls=":")
        ax.set_title(name)
        ax.set_xlabel("bước cập nhật")
    axes[0].set_ylabel("mất mát")
    axes[0].set_ylim(1e-2, 1e8)


__all__ = [
    "ExplodingRun",
    "History",
    "LOSS_BOUND",
    "make_model",
    "run",
    "observed_norms",
    "pick_threshold",
    "value_threshold",
    "clip_cosines",
    "plot_losses",
]
