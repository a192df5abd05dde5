"""Bài toán cộng (adding problem): phép thử kinh điển cho phụ thuộc dài hạn.

Mỗi chuỗi có T bước thời gian và hai kênh: kênh 0 là một số ngẫu nhiên ~ U(0, 1) ở mỗi bước,
kênh 1 là dấu đánh dấu, bằng 1 ở đúng hai bước (một bước trong nửa đầu, một bước trong nửa sau)
và 0 ở mọi bước khác. Đích là tổng hai số được đánh dấu. Mô hình chỉ đọc trạng thái ẩn cuối h_T,
nên phải mang số thứ nhất qua ít nhất T/2 bước: một phụ thuộc dài hạn.

Mốc so sánh: luôn đoán 1 (kỳ vọng của tổng) cho sai số bình phương trung bình (MSE) bằng phương
sai của tổng hai biến U(0, 1), tức 2 · 1/12 = 1/6 ≈ 0,1667. Mô hình nào không nhớ được gì nằm
quanh mốc này.

Kích thước: T bước thời gian, B kích thước batch, H số nút ẩn.
"""

from __future__ import annotations

import dataclasses
import math
import time

import torch
from torch import nn

from ..progress import progress_bar
from ..train import History, train
from ..vi import comma, decimal_comma
from .flow import CELLS, cell_flow

BASELINE_MSE = 1.0 / 6.0  # luôn đoán 1: MSE = Var(u₁ + u₂) = 2/12


def adding_batch(batch_size: int, seq_len: int, generator: torch.Generator | None = None):
    """Một batch của bài toán cộng: ``x`` (T, B, 2) và đích ``y`` (B,)."""
    if seq_len < 2:
        raise ValueError(f"seq_len phải ≥ 2 (mỗi nửa chuỗi có một dấu), nhưng nhận được {seq_len}.")
    T, B = seq_len, batch_size
    values = torch.rand(T, B, generator=generator)  # (T, B)
    first = torch.randint(0, T // 2, (B,), generator=generator)  # vị trí dấu trong nửa đầu
    second = torch.randint(T // 2, T, (B,), generator=generator)  # vị trí dấu trong nửa sau
    marks = torch.zeros(T, B)
    marks[first, torch.arange(B)] = 1.0
    marks[second, torch.arange(B)] = 1.0
    x = torch.stack([values, marks], dim=-1)  # (T, B, 2)
    y = (values * marks).sum(0)  # (B,)
    return x, y


class AddingModel(nn.Module):
    """Một tầng hồi tiếp của rnnlab (``cell`` ∈ rnn, lstm, gru) và một tầng tuyến tính đọc h_T.

    ``forget_bias``: với LSTM, cộng thêm vào độ chệch của cổng quên lúc khởi tạo (1.0 là cách làm
    quen thuộc: ban đầu ô nhớ giữ lại phần lớn nội dung của nó qua mỗi bước).
    """

    def __init__(self, cell: str = "lstm", hidden_size: int = 32, forget_bias: float = 1.0, seed: int = 0):
        super().__init__()
        if cell not in CELLS:
            raise ValueError(f"cell phải là một trong {', '.join(CELLS)}, nhưng nhận được {cell!r}.")
        self.cell = cell
        self.rnn = CELLS[cell](2, hidden_size)
        self.head = nn.Linear(hidden_size, 1)
        # khởi tạo lại từ bộ sinh riêng của seed, không đụng tới seed chung của torch;
        # cùng cách và cùng thứ tự như hàm tạo của torch (RNN rồi Linear)
        g = torch.Generator().manual_seed(seed)
        self.rnn.reset_parameters(generator=g)
        nn.init.kaiming_uniform_(self.head.weight, a=math.sqrt(5), generator=g)
        nn.init.uniform_(self.head.bias, -1 / math.sqrt(hidden_size), 1 / math.sqrt(hidden_size), generator=g)
        if cell == "lstm" and forget_bias:
            H = hidden_size
            with torch.no_grad():
                self.rnn.bias_hh_l0[H : 2 * H] += forget_bias  # khối thứ hai (i, f, g, o) là cổng quên

    def forward(self, x):
        """``x`` (T, B, 2) → dự đoán (B,)."""
        output, _ = self.rnn(x)  # (T, B, H)
        return self.head(output[-1]).squeeze(-1)


def mse(model: AddingModel, x, y) -> float:
    with torch.no_grad():
        return float(((model(x) - y) ** 2).mean())


def flow(model: AddingModel, x, y) -> torch.Tensor:
    """‖∂L/∂h_t‖ (T,) của mất mát MSE trên batch (x, y), qua lượt ngược viết tay của rnnlab."""
    return cell_flow(model.rnn, x, lambda output, h_n: ((model.head(output[-1]).squeeze(-1) - y) ** 2).mean())


@dataclasses.dataclass
class AddingRun:
    """Kết quả một lần huấn luyện (một loại ô, một độ dài, một seed)."""

    cell: str
    seq_len: int
    seed: int
    eval_steps: list  # các bước cập nhật đã đánh giá (0 = lúc khởi tạo)
    test_mse: list  # MSE trên tập kiểm tra cố định ở mỗi bước đánh giá
    flows: list  # ‖∂L/∂h_t‖ (T,) trên batch dò ở mỗi bước đánh giá
    history: History  # mất mát và chuẩn gradient (trước khi cắt) ở mỗi bước cập nhật
    seconds: float
    model: AddingModel

    @property
    def final_mse(self) -> float:
        return self.test_mse[-1]

    @property
    def best_mse(self) -> float:
        return min(self.test_mse)

    @property
    def steps(self) -> int:
        return self.eval_steps[-1]


def train_adding(
    cell: str = "lstm",
    seq_len: int = 50,
    seed: int = 0,
    *,
    hidden_size: int = 32,
    steps: int = 1500,
    batch_size: int = 32,
    lr: float = 1e-2,
    clip_norm: float | None = None,
    forget_bias: float = 1.0,
    eval_every: int = 50,
    eval_size: int = 500,
    probe_size: int = 64,
    stop_below: float | None = 0.01,
    progress: bool = False,
) -> AddingRun:
    """Huấn luyện ``AddingModel`` bằng Adam trên các batch mới sinh, đánh giá mỗi ``eval_every`` bước.

    Tập kiểm tra (``eval_size`` chuỗi) và batch dò dòng gradient (``probe_size`` chuỗi) cố định theo
    ``seq_len``, giống nhau cho mọi loại ô và mọi seed. Dừng sớm khi MSE kiểm tra < ``stop_below``
    (bài đã giải xong, chạy tiếp chỉ tốn thời gian); ``None`` để luôn chạy đủ ``steps``.
    ``progress``: in tiến trình ra stderr sau mỗi lần đánh giá.
    Ném ``rnnlab.train.TrainingDiverged`` nếu mất mát hoặc gradient thành NaN/Inf.
    """
    start = time.perf_counter()
    model = AddingModel(cell, hidden_size, forget_bias, seed)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    x_test, y_test = adding_batch(eval_size, seq_len, torch.Generator().manual_seed(10_000 + seq_len))
    x_probe, y_probe = x_test[:, :probe_size], y_test[:probe_size]
    data = torch.Generator().manual_seed(1_000 + seed)  # dữ liệu huấn luyện riêng cho mỗi seed

    def loss_fn(model, batch):
        x, y = batch
        return ((model(x) - y) ** 2).mean()

    eval_steps, test_mse, flows = [0], [mse(model, x_test, y_test)], [flow(model, x_probe, y_probe)]
    bar = progress_bar(steps, f"  {cell} T={seq_len} seed {seed}: bước", disable=not progress)

    def chunk(epoch):  # một "epoch" của rnnlab.train = eval_every bước cập nhật trên các batch mới sinh
        n = min(eval_every, steps - (epoch - 1) * eval_every)
        return [adding_batch(batch_size, seq_len, data) for _ in range(n)]

    def evaluate(epoch, history):  # sau mỗi epoch: đánh giá; trả về True để dừng sớm
        eval_steps.append(len(history.loss))
        test_mse.append(mse(model, x_test, y_test))
        flows.append(flow(model, x_probe, y_probe))
        bar.set_postfix_str(f"MSE kiểm tra {test_mse[-1]:.4f}", refresh=False)
        bar.update(eval_steps[-1] - eval_steps[-2])
        return stop_below is not None and test_mse[-1] < stop_below

    history = History()
    try:
        if not (stop_below is not None and test_mse[0] < stop_below):
            # ném TrainingDiverged nếu mất mát hoặc gradient thành NaN/Inf
            history = train(
                model,
                loss_fn,
                chunk,
                optimizer=optimizer,
                epochs=math.ceil(steps / eval_every),
                clip_norm=clip_norm,
                progress=False,
                on_epoch=evaluate,
            )
    finally:
        bar.close()
    return AddingRun(cell, seq_len, seed, eval_steps, test_mse, flows, history, time.perf_counter() - start, model)


CELL_COLORS = {"rnn": "#b2182b", "lstm": "#2166ac", "gru": "#1b7837"}


def plot_test_mse(ax, runs, title=None):
    """Đường học (MSE kiểm tra theo bước cập nhật, trục dọc log) của các ``AddingRun`` lên ``ax``, cùng mốc 1/6."""
    labelled = set()
    for r in runs:
        label = None if r.cell in labelled else r.cell
        labelled.add(r.cell)
        ax.plot(r.eval_steps, r.test_mse, color=CELL_COLORS[r.cell], lw=1.2, label=label)
    ax.axhline(BASELINE_MSE, color="black", ls="--", lw=1, label="mốc 1/6")
    ax.set_yscale("log")
    ax.set_xlabel("bước cập nhật")
    ax.set_ylabel("MSE kiểm tra")
    if title is not None:
        ax.set_title(title)
    ax.legend()
    ax.grid(True, alpha=0.3)


CELL_NAMES = {"rnn": "RNN tanh", "lstm": "LSTM", "gru": "GRU"}


def plot_runs(runs: list[AddingRun], solved_below: float = 0.05):
    """Một hình ba ô cho các lần chạy của CÙNG một loại ô và độ dài (mỗi seed một lần chạy).

    Trái: MSE kiểm tra theo bước cập nhật, mỗi seed một đường. Giữa: ‖∂L/∂h_t‖ / ‖∂L/∂h_T‖ của
    seed đầu tiên lúc khởi tạo và sau huấn luyện. Phải: bản đồ nhiệt log10 ‖∂L/∂h_t‖ (bước thời
    gian × bước huấn luyện) của seed đầu tiên. Trả về ``Figure`` của matplotlib.
    """
    import matplotlib.pyplot as plt
    import numpy as np

    cell, T = runs[0].cell, runs[0].seq_len
    name, color = CELL_NAMES[cell], CELL_COLORS[cell]
    fig, (ax_mse, ax_flow, ax_map) = plt.subplots(1, 3, figsize=(13, 3.9), layout="constrained")
    for k, r in enumerate(runs):
        ax_mse.plot(r.eval_steps, r.test_mse, color=color, lw=1.4, alpha=1 - 0.25 * k, label=f"seed {r.seed}")
    ax_mse.axhline(BASELINE_MSE, color="black", ls="--", lw=1, label="mốc 1/6 (luôn đoán 1)")
    ax_mse.axhline(solved_below, color="gray", ls=":", lw=1, label=f"ngưỡng {comma(str(solved_below))}")
    ax_mse.set_yscale("log")
    ax_mse.set_xlabel("bước cập nhật")
    ax_mse.set_ylabel("MSE kiểm tra")
    ax_mse.set_title("đường học")
    ax_mse.legend(fontsize=8, loc="lower left")
    first = runs[0]
    for k, label, style in ((0, "lúc khởi tạo", ":"), (-1, f"sau huấn luyện (bước {first.eval_steps[-1]})", "-")):
        f = first.flows[k]
        ax_flow.semilogy(range(1, T + 1), f / f[-1], color=color, ls=style, lw=1.8, label=label)
    ax_flow.set_ylim(1e-20, 10)
    ax_flow.set_xlabel("bước thời gian t")
    ax_flow.set_ylabel(r"$\|\partial L/\partial h_t\| \,/\, \|\partial L/\partial h_T\|$")
    ax_flow.set_title(f"dòng gradient, seed {first.seed}")
    ax_flow.legend(fontsize=8, loc="lower right")
    # chuẩn bằng 0 (nhỏ hơn số float32 nhỏ nhất) được vẽ ở mức 1e-30, tức màu tối nhất
    image = np.log10(np.maximum(torch.stack(first.flows).numpy().T, 1e-30))  # (T, số lần đo)
    mesh = ax_map.pcolormesh(
        first.eval_steps, np.arange(1, T + 1), image, cmap="magma", shading="nearest", vmin=-12, vmax=0, rasterized=True
    )
    ax_map.set_xlabel("bước huấn luyện")
    ax_map.set_ylabel("bước thời gian t")
    ax_map.set_title("bản đồ nhiệt dòng gradient")
    fig.colorbar(mesh, ax=ax_map, label=r"$\log_{10} \|\partial L/\partial h_t\|$")
    fig.suptitle(f"Bài toán cộng, T = {T}: {name}, {len(runs)} seed")
    decimal_comma(fig)
    return fig
