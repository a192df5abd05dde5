"""Dòng gradient của RNN tanh, LSTM và GRU lúc khởi tạo và sau khi học bài toán cộng (T = 30), ba seed.

Phép đo viết ra ở đây: mô hình, mất mát trên một batch dò cố định, lượt ngược, rồi ‖∂L/∂h_t‖ ở mọi bước t
(``rnnlab.hidden_grad_norms`` ghi lại ∂L/∂h_t trong lượt ngược viết tay của rnnlab). Việc huấn luyện gọi
``train_adding`` của trang giải pháp (Adam, batch 32 chuỗi, dừng khi MSE kiểm tra < 0,01).
"""

import matplotlib.pyplot as plt
import torch

import rnnlab
from rnnlab.experiments.adding import AddingModel, adding_batch, train_adding
from rnnlab.vi import decimal_comma, number

torch.set_num_threads(1)  # ma trận nhỏ: một luồng nhanh hơn hai luồng tranh nhau

CELLS = {"rnn": "RNN tanh", "lstm": "LSTM", "gru": "GRU"}
COLORS = {"rnn": "#b2182b", "lstm": "#2166ac", "gru": "#1b7837"}
T, SEEDS, MAX_STEPS = 30, [0, 1, 2], 800
x, y = adding_batch(64, T, torch.Generator().manual_seed(7))  # batch dò: x (T, 64, 2), y (64,)


def flow(model):
    """‖∂L/∂h_t‖ / ‖∂L/∂h_T‖ cho t = 1..T, với L là MSE của mô hình trên batch dò."""

    def loss_fn(output, h_n):  # output: (T, B, H); mô hình chỉ đọc h_T
        return ((model.head(output[-1]).squeeze(-1) - y) ** 2).mean()

    norms = rnnlab.hidden_grad_norms(model.rnn, x, loss_fn)["l0"]  # (T,)
    return norms / norms[-1]


flows, final_mse = {}, {}
for cell in CELLS:
    for seed in SEEDS:
        before = flow(AddingModel(cell, hidden_size=32, seed=seed))  # đúng trọng số mà lần huấn luyện bắt đầu từ đó
        run = train_adding(cell, T, seed, hidden_size=32, steps=MAX_STEPS, batch_size=32, lr=1e-2)
        flows[cell, seed] = {"init": before, "trained": flow(run.model)}
        final_mse[f"{cell}_{seed}"] = run.final_mse

# ‖∂L/∂h_1‖ / ‖∂L/∂h_T‖: phần gradient về được tới bước đầu, trung vị của ba seed
first_step = {
    f"{cell}_{when}": sorted(float(flows[cell, s][when][0]) for s in SEEDS)[1]
    for cell in CELLS
    for when in ("init", "trained")
}

fig, axes = plt.subplots(1, 2, figsize=(11, 4), sharey=True)
for ax, (when, title) in zip(axes, (("init", "lúc khởi tạo"), ("trained", "sau huấn luyện"))):
    for cell, name in CELLS.items():
        for k, seed in enumerate(SEEDS):
            f = flows[cell, seed][when]
            ax.semilogy(range(1, T + 1), f, color=COLORS[cell], lw=1.5, alpha=0.8, label=name if k == 0 else None)
    ax.set_title(f"{title} ({len(SEEDS)} seed mỗi loại ô)")
    ax.set_xlabel("bước thời gian t")
    ax.grid(True, alpha=0.3)
    ax.legend(loc="lower right", fontsize=9)
axes[0].set_ylabel(r"$\|\partial L/\partial h_t\| \;/\; \|\partial L/\partial h_T\|$")
fig.suptitle(f"Dòng gradient của RNN tanh, LSTM, GRU trên bài toán cộng (T = {T})")
fig.tight_layout()
decimal_comma()  # dấu phẩy thập phân trên nhãn trục của mọi hình
plt.show()

print(f"‖∂L/∂h_1‖/‖∂L/∂h_T‖ (trung vị {len(SEEDS)} seed), T = {T}:")
for cell, name in CELLS.items():
    mses = ", ".join(number(final_mse[f"{cell}_{s}"], ".4f") for s in SEEDS)
    print(
        f"  {name:8s} lúc khởi tạo {number(first_step[cell + '_init'], '.1e')}, sau huấn luyện {number(first_step[cell + '_trained'], '.1e')}"
        f"   (MSE kiểm tra cuối: {mses})"
    )
