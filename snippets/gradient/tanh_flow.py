"""Dòng gradient trong RNN tanh với W_hh = s·Q ở nhiều thang đo s: biến mất khi s nhỏ, nổ khi s lớn,
nhưng tanh bão hoà hãm tốc độ nổ lại."""

import matplotlib.pyplot as plt
import torch

from rnnlab.experiments.flow import growth_per_step, tanh_flow
from rnnlab.vi import decimal_comma, number

T = 50  # số bước thời gian
SCALES = [0.5, 0.9, 1.0, 1.5, 2.0, 3.0]  # s: W_hh = s·Q, nên giá trị kỳ dị lớn nhất của W_hh là s

# ‖∂L/∂h_t‖ cho t = 1..T, 8 chuỗi đầu vào ngẫu nhiên, float64; ‖∂L/∂h_T‖ = 1
results = {s: tanh_flow(s, seq_len=T, hidden_size=32, batch_size=8, seed=0) for s in SCALES}

# thang đo dày hơn cho hình bên phải
dense_scales = [round(float(s), 2) for s in torch.linspace(0.25, 4.0, 16)]
dense = {s: tanh_flow(s, seq_len=T, hidden_size=32, batch_size=8, seed=0) for s in dense_scales}
# hệ số nhân trung bình mỗi bước lùi: (‖∂L/∂h_1‖ / ‖∂L/∂h_T‖)^(1/(T−1)); với RNN tuyến tính nó đúng bằng s
growth = {str(s): growth_per_step(r["measured"]) for s, r in results.items()}
saturation_30 = float(results[3.0]["saturation"].mean())  # tỉ lệ nút ẩn có |h| > 0,99, với s = 3
# tanh chỉ làm gradient nhỏ đi: số đo không bao giờ vượt chặn trên s^(T−t)
below_bound = all(bool((r["measured"] <= r["bound"] * (1 + 1e-9)).all()) for r in dense.values())
first_step = {str(s): float(r["measured"][0]) for s, r in results.items()}  # ‖∂L/∂h_1‖

fig, (ax, ax2) = plt.subplots(1, 2, figsize=(11, 4.3), gridspec_kw={"width_ratios": [1.4, 1]})
colors = ["#1f4e9c", "#5aa0d8", "#222222", "#f0a04b", "#d6604d", "#8b0000"]
for color, (s, r) in zip(colors, results.items()):
    ax.semilogy(r["t"], r["measured"], "-", color=color, lw=1.8, label=f"s = {number(s)}")
    # đường đứt: s^(T−t), điều xảy ra nếu bỏ tanh (RNN tuyến tính)
    ax.semilogy(r["t"], r["bound"], "--", color=color, lw=0.8, alpha=0.7)
ax.set_ylim(1e-16, 1e16)
ax.set_xlabel("bước thời gian t")
ax.set_ylabel(r"$\|\partial L/\partial h_t\|$  (với $\|\partial L/\partial h_T\| = 1$)")
ax.set_title(f"RNN tanh, W_hh = s·Q, T = {T} (đứt nét: s^(T−t))")
ax.grid(True, alpha=0.3)
ax.legend(loc="lower left", ncol=2, fontsize=9)

ax2.plot(dense_scales, dense_scales, "--", color="gray", label="s (RNN tuyến tính)")
ax2.plot(
    dense_scales,
    [growth_per_step(r["measured"]) for r in dense.values()],
    "o-",
    color="#b2182b",
    label="RNN tanh, đo được",
)
ax2.axhline(1.0, color="black", lw=0.8)
ax2.set_xlabel("thang đo s của W_hh")
ax2.set_ylabel("hệ số nhân mỗi bước (trung bình)")
ax2.set_title("tanh bão hoà hãm tốc độ nổ")
ax2.grid(True, alpha=0.3)
ax2.legend(loc="upper left")
fig.tight_layout()
decimal_comma()  # dấu phẩy thập phân trên nhãn trục của mọi hình
plt.show()

for s in SCALES:
    print(
        f"s = {number(s)}: ‖∂L/∂h_1‖ = {number(first_step[str(s)], '.2e')} (chặn trên s^{T - 1} = {number(s ** (T - 1), '.1e')}), hệ số mỗi bước {number(growth[str(s)], '.3f')}"
    )
print(f"Tỉ lệ nút ẩn bão hoà (|h| > 0,99) khi s = 3: {number(saturation_30, '.1%')}")
print(f"Mọi số đo đều ≤ s^(T−t): {below_bound}")
