"""Bài toán cộng (phụ thuộc dài hạn): RNN tanh, LSTM và GRU cùng số nút ẩn, ở hai độ dài chuỗi,
ba seed; kèm dòng gradient lúc khởi tạo, sau huấn luyện, và trong suốt quá trình huấn luyện."""

import matplotlib.pyplot as plt
import numpy as np
import torch

from rnnlab.experiments.adding import BASELINE_MSE, train_adding
from rnnlab.vi import decimal_comma, number

torch.set_num_threads(1)  # ma trận nhỏ: một luồng nhanh hơn hai luồng tranh nhau

CELLS = ["rnn", "lstm", "gru"]
LENGTHS = [10, 50]  # T: chuỗi ngắn và chuỗi dài
SEEDS = [0, 1, 2]
MAX_STEPS = {10: 600, 50: 1200}  # số bước cập nhật tối đa (Adam, batch 32 chuỗi)
SOLVED = 0.05  # MSE dưới mức này: coi là đã nhớ được hai số

# H = 32 nút ẩn cho cả ba loại ô; dừng sớm khi MSE kiểm tra < 0,01
runs = {
    (cell, T, seed): train_adding(cell, T, seed, hidden_size=32, steps=MAX_STEPS[T], batch_size=32, lr=1e-2)
    for T in LENGTHS
    for cell in CELLS
    for seed in SEEDS
}

# MSE cuối (trên 500 chuỗi kiểm tra cố định) cho mỗi loại ô, độ dài, seed
final_mse = {f"{cell}_{T}": [runs[cell, T, s].final_mse for s in SEEDS] for T in LENGTHS for cell in CELLS}
best_mse = {f"{cell}_{T}": [runs[cell, T, s].best_mse for s in SEEDS] for T in LENGTHS for cell in CELLS}
steps_used = {f"{cell}_{T}": [runs[cell, T, s].steps for s in SEEDS] for T in LENGTHS for cell in CELLS}
solved = {key: sum(v < SOLVED for v in values) for key, values in final_mse.items()}
rnn_50_best = min(best_mse["rnn_50"])  # MSE thấp nhất RNN tanh từng đạt ở T = 50, trên mọi seed
rnn_10_best = min(best_mse["rnn_10"])
lstm_50_steps_max = max(steps_used["lstm_50"])
gru_50_steps_max = max(steps_used["gru_50"])

# dòng gradient ‖∂L/∂h_t‖ / ‖∂L/∂h_T‖ ở bước t = 1, seed 0, T = 50: lúc khởi tạo và sau huấn luyện
first_step_ratio = {
    f"{cell}_{when}": float(runs[cell, 50, 0].flows[k][0] / runs[cell, 50, 0].flows[k][-1])
    for cell in CELLS
    for when, k in (("init", 0), ("trained", -1))
}
# cả đường ‖∂L/∂h_t‖ (t = 1..T), seed 0, lúc khởi tạo và sau huấn luyện: trình khám phá ở trang
# "Minh hoạ dòng gradient" vẽ lại đúng các đường này
flow_seed0 = {
    f"{cell}_{T}": {"init": r.flows[0].tolist(), "trained": r.flows[-1].tolist(), "steps": r.steps}
    for (cell, T, seed), r in runs.items()
    if seed == 0
}

names = {"rnn": "RNN tanh", "lstm": "LSTM", "gru": "GRU"}
colors = {"rnn": "#b2182b", "lstm": "#2166ac", "gru": "#1b7837"}

# Hình 1: đường học
fig1, axes = plt.subplots(1, 2, figsize=(11, 4), sharey=True)
for ax, T in zip(axes, LENGTHS):
    for cell in CELLS:
        for k, seed in enumerate(SEEDS):
            r = runs[cell, T, seed]
            ax.plot(
                r.eval_steps, r.test_mse, color=colors[cell], lw=1.4, alpha=0.85, label=names[cell] if k == 0 else None
            )
    ax.axhline(BASELINE_MSE, color="black", ls="--", lw=1, label="mốc 1/6 (luôn đoán 1)")
    ax.axhline(SOLVED, color="gray", ls=":", lw=1, label=f"ngưỡng {number(SOLVED)}")
    ax.set_yscale("log")
    ax.set_title(f"T = {T}: MSE kiểm tra, {len(SEEDS)} seed mỗi loại ô")
    ax.set_xlabel("bước cập nhật")
    ax.grid(True, alpha=0.3)
axes[0].set_ylabel("MSE")
axes[1].legend(loc="lower left", fontsize=9)
fig1.suptitle("Bài toán cộng: đường học của RNN tanh, LSTM, GRU ở T = 10 và T = 50")
fig1.tight_layout()

# Hình 2: dòng gradient lúc khởi tạo và sau huấn luyện (seed 0, T = 50)
fig2, axes = plt.subplots(1, 2, figsize=(11, 4), sharey=True)
for ax, (title, k) in zip(axes, (("lúc khởi tạo", 0), ("sau huấn luyện", -1))):
    for cell in CELLS:
        f = runs[cell, 50, 0].flows[k]
        ax.semilogy(
            range(1, len(f) + 1),
            f / f[-1],
            color=colors[cell],
            lw=1.8,
            label=f"{names[cell]} (bước {runs[cell, 50, 0].eval_steps[k]})",
        )
    ax.set_title(f"{title}, T = 50")
    ax.set_xlabel("bước thời gian t")
    ax.grid(True, alpha=0.3)
    ax.legend(loc="lower right", fontsize=9)
axes[0].set_ylabel(r"$\|\partial L/\partial h_t\| \;/\; \|\partial L/\partial h_T\|$")
axes[0].set_ylim(1e-20, 10)
fig2.suptitle("Dòng gradient của RNN tanh, LSTM, GRU lúc khởi tạo và sau huấn luyện (T = 50)")
fig2.tight_layout()

# Hình 3: bản đồ nhiệt: bước thời gian × bước huấn luyện, màu = log10 ‖∂L/∂h_t‖ (seed 0, T = 50)
fig3, axes = plt.subplots(1, 2, figsize=(11, 4.3), sharey=True, layout="constrained")
for ax, cell in zip(axes, ("rnn", "lstm")):
    r = runs[cell, 50, 0]
    # chuẩn bằng 0 (gradient nhỏ hơn số float32 nhỏ nhất) được vẽ ở mức 1e-30, tức màu tối nhất
    image = np.log10(np.maximum(torch.stack(r.flows).numpy().T, 1e-30))  # (T, số lần đo)
    mesh = ax.pcolormesh(
        r.eval_steps,
        np.arange(1, image.shape[0] + 1),
        image,
        cmap="magma",
        shading="nearest",
        vmin=-12,
        vmax=0,
        rasterized=True,
    )
    ax.set_title(f"{names[cell]}, T = 50")
    ax.set_xlabel("bước huấn luyện")
axes[0].set_ylabel("bước thời gian t")
fig3.colorbar(mesh, ax=axes, label=r"$\log_{10} \|\partial L/\partial h_t\|$")
fig3.suptitle("Bản đồ nhiệt dòng gradient trong lúc huấn luyện: RNN tanh và LSTM (T = 50)")
decimal_comma()  # dấu phẩy thập phân trên nhãn trục của mọi hình
plt.show()

print(f"Mốc luôn đoán 1: MSE = {number(BASELINE_MSE, '.4f')}")
print("MSE kiểm tra cuối (seed 0, 1, 2) và số bước đã chạy:")
for T in LENGTHS:
    for cell in CELLS:
        key = f"{cell}_{T}"
        mses = ", ".join(f"{number(v, '.4f')}" for v in final_mse[key])
        print(
            f"  T = {T:2d}  {names[cell]:8s}  MSE {mses}   bước {steps_used[key]}   < {number(SOLVED)}: {solved[key]}/3"
        )
print(f"MSE thấp nhất RNN tanh từng đạt: T = 10: {number(rnn_10_best, '.4f')}, T = 50: {number(rnn_50_best, '.4f')}")
print("‖∂L/∂h_1‖/‖∂L/∂h_T‖ ở T = 50, seed 0 (khởi tạo → sau huấn luyện):")
for cell in CELLS:
    init, trained = first_step_ratio[cell + "_init"], first_step_ratio[cell + "_trained"]
    print(f"  {names[cell]:8s} {number(init, '.1e')} → {number(trained, '.1e')}")
