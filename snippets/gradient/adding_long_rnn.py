"""Bài toán cộng với chuỗi dài (T = 50): RNN tanh, ba seed; đường học và dòng gradient ‖∂L/∂h_t‖."""

import matplotlib.pyplot as plt
import torch

from rnnlab.experiments.adding import plot_runs, train_adding
from rnnlab.vi import decimal_comma, number

torch.set_num_threads(1)  # ma trận nhỏ: một luồng nhanh hơn hai luồng tranh nhau

CELL = "rnn"
T = 50  # dấu thứ nhất cách cuối chuỗi 25 đến 50 bước
SEEDS = [0, 1, 2]
MAX_STEPS = 1200  # số bước cập nhật tối đa (Adam, batch 32 chuỗi)
SOLVED = 0.05  # MSE dưới mức này: coi là đã nhớ được hai số

# H = 32 nút ẩn; dừng sớm khi MSE kiểm tra < 0,01
runs = [train_adding(CELL, T, seed, hidden_size=32, steps=MAX_STEPS, batch_size=32, lr=1e-2) for seed in SEEDS]

final_mse = [r.final_mse for r in runs]  # MSE cuối trên 500 chuỗi kiểm tra cố định
best_mse = [r.best_mse for r in runs]  # MSE thấp nhất từng đạt trong lúc huấn luyện
lowest_mse = min(best_mse)  # thấp nhất trên mọi seed
steps_used = [r.steps for r in runs]
solved = sum(m < SOLVED for m in final_mse)

# phần gradient về được tới bước đầu: ‖∂L/∂h_1‖ / ‖∂L/∂h_T‖ (seed 0), lúc khởi tạo và sau huấn luyện
flow_init, flow_trained = runs[0].flows[0], runs[0].flows[-1]  # (T,) mỗi cái
init_ratio = float(flow_init[0] / flow_init[-1])
trained_ratio = float(flow_trained[0] / flow_trained[-1])
# cả hai đường, cho trình khám phá ở trang "Minh hoạ dòng gradient"
flow_seed0 = {f"{CELL}_{T}": {"init": flow_init.tolist(), "trained": flow_trained.tolist(), "steps": runs[0].steps}}

plot_runs(runs, SOLVED)
decimal_comma()  # dấu phẩy thập phân trên nhãn trục của mọi hình
plt.show()

print(f"T = {T}, RNN tanh: MSE kiểm tra cuối (seed 0, 1, 2) và số bước đã chạy")
print(f"  MSE {', '.join(number(v, '.4f') for v in final_mse)}   bước {steps_used}   < {number(SOLVED)}: {solved}/3")
print(f"  MSE thấp nhất từng đạt: {', '.join(number(v, '.4f') for v in best_mse)}")
print(
    f"‖∂L/∂h_1‖/‖∂L/∂h_T‖, seed 0: lúc khởi tạo {number(init_ratio, '.1e')}, sau huấn luyện {number(trained_ratio, '.1e')}"
)
