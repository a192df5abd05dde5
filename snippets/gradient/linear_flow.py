"""Dòng gradient trong RNN tuyến tính với W_hh = ρ·Q: đo bằng lượt ngược viết tay và so với ρ^(T−t)."""

import matplotlib.pyplot as plt

from rnnlab.experiments.flow import linear_flow
from rnnlab.vi import decimal_comma, number

T = 50  # số bước thời gian
RHOS = [0.5, 0.9, 1.0, 1.1, 1.5]  # bán kính phổ (cũng là giá trị kỳ dị lớn nhất) của W_hh

# ‖∂L/∂h_t‖ cho t = 1..T, tính bằng float64 qua rnnlab (mất mát L = uᵀh_T, ‖u‖ = 1)
results = {rho: linear_flow(rho, seq_len=T, hidden_size=16, seed=0) for rho in RHOS}

# sai lệch tương đối lớn nhất giữa số đo và lý thuyết ρ^(T−t), trên mọi ρ và mọi t
max_rel_error = max(float(((r["measured"] - r["theory"]).abs() / r["theory"]).max()) for r in results.values())
# ‖∂L/∂h_1‖: gradient ở bước đầu tiên, sau T − 1 lần nhân với W_hhᵀ
first_step = {str(rho): float(r["measured"][0]) for rho, r in results.items()}

fig, ax = plt.subplots(figsize=(7.5, 4.5))
colors = ["#1f4e9c", "#5aa0d8", "#222222", "#e8893a", "#b2182b"]
for color, (rho, r) in zip(colors, results.items()):
    # đường: lý thuyết ρ^(T−t); chấm: số đo (một chấm mỗi 2 bước cho dễ nhìn)
    ax.semilogy(r["t"], r["theory"], "-", color=color, lw=1.5, label=f"ρ = {number(rho)}")
    ax.semilogy(r["t"][::2], r["measured"][::2], "o", color=color, ms=4, mfc="none")
ax.set_xlabel("bước thời gian t")
ax.set_ylabel(r"$\|\partial L / \partial h_t\|$")
ax.set_title(f"RNN tuyến tính, W_hh = ρ·Q, T = {T}: chấm = đo được, đường = ρ^(T−t)")
ax.grid(True, which="major", alpha=0.3)
ax.legend(loc="lower right", ncol=2)
decimal_comma()  # dấu phẩy thập phân trên nhãn trục của mọi hình
plt.show()

print(f"Sai lệch tương đối lớn nhất giữa số đo và ρ^(T−t): {number(max_rel_error, '.1e')}")
for rho, value in first_step.items():
    print(
        f"ρ = {number(rho)}: ‖∂L/∂h_1‖ = {number(value, '.3e')}  (ρ^{T - 1} = {number(float(rho) ** (T - 1), '.3e')})"
    )
