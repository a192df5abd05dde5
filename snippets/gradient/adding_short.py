"""Bài toán cộng với chuỗi ngắn (T = 10): RNN tanh, LSTM và GRU cùng số nút ẩn, ba seed."""

import matplotlib.pyplot as plt
import torch

from rnnlab.experiments.adding import BASELINE_MSE, CELL_COLORS, CELL_NAMES, train_adding
from rnnlab.vi import decimal_comma, number

torch.set_num_threads(1)  # ma trận nhỏ: một luồng nhanh hơn hai luồng tranh nhau

CELLS = ["rnn", "lstm", "gru"]
T = 10  # số bước thời gian: dấu thứ nhất cách cuối chuỗi 5 đến 10 bước
SEEDS = [0, 1, 2]
MAX_STEPS = 600  # số bước cập nhật tối đa (Adam, batch 32 chuỗi)
SOLVED = 0.05  # MSE dưới mức này: coi là đã nhớ được hai số

# H = 32 nút ẩn cho cả ba loại ô; dừng sớm khi MSE kiểm tra < 0,01
runs = {
    (cell, seed): train_adding(cell, T, seed, hidden_size=32, steps=MAX_STEPS, batch_size=32, lr=1e-2)
    for cell in CELLS
    for seed in SEEDS
}

# MSE cuối (trên 500 chuỗi kiểm tra cố định), MSE thấp nhất và số bước đã chạy, mỗi loại ô × seed
final_mse = {cell: [runs[cell, s].final_mse for s in SEEDS] for cell in CELLS}
best_mse = {cell: [runs[cell, s].best_mse for s in SEEDS] for cell in CELLS}
steps_used = {cell: [runs[cell, s].steps for s in SEEDS] for cell in CELLS}
solved = {cell: sum(v < SOLVED for v in final_mse[cell]) for cell in CELLS}
# ‖∂L/∂h_t‖ (t = 1..T) của seed 0, lúc khởi tạo và sau huấn luyện: trình khám phá ở trang
# "Minh hoạ dòng gradient" vẽ lại đúng các đường này
flow_seed0 = {
    f"{cell}_{T}": {"init": r.flows[0].tolist(), "trained": r.flows[-1].tolist(), "steps": r.steps}
    for (cell, seed), r in runs.items()
    if seed == 0
}

fig, ax = plt.subplots(figsize=(7, 4))
for cell in CELLS:
    for k, seed in enumerate(SEEDS):
        r = runs[cell, seed]
        label = CELL_NAMES[cell] if k == 0 else None
        ax.plot(r.eval_steps, r.test_mse, color=CELL_COLORS[cell], lw=1.4, alpha=0.85, label=label)
ax.axhline(BASELINE_MSE, color="black", ls="--", lw=1, label="mốc 1/6 (luôn đoán 1)")
ax.axhline(SOLVED, color="gray", ls=":", lw=1, label=f"ngưỡng {number(SOLVED)}")
ax.set_yscale("log")
ax.set_xlabel("bước cập nhật")
ax.set_ylabel("MSE kiểm tra")
ax.legend(fontsize=8)
ax.set_title(f"Bài toán cộng, T = {T}: đường học, {len(SEEDS)} seed mỗi loại ô")
decimal_comma()  # dấu phẩy thập phân trên nhãn trục của mọi hình
plt.show()

print(f"Mốc luôn đoán 1: MSE = {number(BASELINE_MSE, '.4f')}")
print(f"T = {T}: MSE kiểm tra cuối (seed 0, 1, 2) và số bước đã chạy")
for cell in CELLS:
    mses = ", ".join(number(v, ".4f") for v in final_mse[cell])
    print(f"  {CELL_NAMES[cell]:8s}  MSE {mses}   bước {steps_used[cell]}   < {number(SOLVED)}: {solved[cell]}/3")
