"""Cắt theo chuẩn và cắt theo giá trị làm gì với hướng của gradient: một ví dụ hai chiều, rồi đo
trên gradient thật của thiết lập nổ gradient."""

import math

import matplotlib.pyplot as plt
import torch

import rnnlab
from rnnlab.experiments.exploding import clip_cosines
from rnnlab.vi import decimal_comma, number

# một gradient hai chiều lệch hẳn về một trục, ngưỡng 1
g = torch.tensor([3.0, 0.6])
THRESHOLD = 1.0

by_norm = g.clone().requires_grad_()
by_norm.grad = g.clone()
rnnlab.clip_grad_norm_([by_norm], THRESHOLD)  # g · τ/‖g‖: cùng hướng, độ dài τ
by_value = g.clone().requires_grad_()
by_value.grad = g.clone()
rnnlab.clip_grad_value_([by_value], THRESHOLD)  # kẹp từng thành phần vào [−τ, τ]


def angle(u, v):
    """Góc (độ) giữa hai vectơ."""
    cos = torch.dot(u, v) / (u.norm() * v.norm())
    return math.degrees(math.acos(min(1.0, float(cos))))


angle_norm = angle(g, by_norm.grad)
angle_value = angle(g, by_value.grad)

# trên gradient thật (RNN tanh của thiết lập nổ gradient, 8 batch lúc khởi tạo, ngưỡng theo chuẩn 1)
cosines = clip_cosines(seed=0, n_batches=8, norm_threshold=1.0)
cos_norm_min = min(cosines["norm"])
cos_value_mean = sum(cosines["value"]) / len(cosines["value"])
cos_value_min = min(cosines["value"])

fig, (ax, ax2) = plt.subplots(1, 2, figsize=(11, 4))
for vec, color, label in (
    (g, "black", "g gốc"),
    (by_norm.grad, "#2166ac", "cắt theo chuẩn"),
    (by_value.grad, "#b2182b", "cắt theo giá trị"),
):
    ax.annotate(
        "", xy=(float(vec[0]), float(vec[1])), xytext=(0, 0), arrowprops={"arrowstyle": "->", "color": color, "lw": 2}
    )
    ax.plot([], [], color=color, lw=2, label=f"{label}: ({number(vec[0], '.2f')}, {number(vec[1], '.2f')})")
ax.add_patch(plt.Circle((0, 0), THRESHOLD, fill=False, ls="--", color="#2166ac", alpha=0.6))
ax.add_patch(plt.Rectangle((-THRESHOLD, -THRESHOLD), 2 * THRESHOLD, 2 * THRESHOLD, fill=False, ls=":", color="#b2182b"))
ax.set_xlim(-1.3, 3.3)
ax.set_ylim(-1.3, 1.6)
ax.set_aspect("equal")
ax.grid(True, alpha=0.3)
ax.legend(loc="upper right", fontsize=8)
ax.set_title(f"Hướng đổi {number(angle_value, '.1f')}° khi cắt theo giá trị, {number(angle_norm, '.1f')}° theo chuẩn")

x = range(1, len(cosines["norm"]) + 1)
ax2.plot(x, cosines["norm"], "o-", color="#2166ac", label="cắt theo chuẩn")
ax2.plot(x, cosines["value"], "s-", color="#b2182b", label="cắt theo giá trị")
ax2.set_ylim(0, 1.05)
ax2.set_xlabel("batch")
ax2.set_ylabel("cos(g gốc, g đã cắt)")
ax2.set_title("Gradient thật của RNN tanh (thiết lập nổ gradient)")
ax2.grid(True, alpha=0.3)
ax2.legend(loc="lower right")
fig.tight_layout()
decimal_comma()  # dấu phẩy thập phân trên nhãn trục của mọi hình
plt.show()

print(f"g = (3, 0,6), ngưỡng {number(THRESHOLD)}:")
print(
    f"  cắt theo chuẩn  → ({number(by_norm.grad[0], '.3f')}, {number(by_norm.grad[1], '.3f')}), lệch hướng {number(angle_norm, '.1f')}°"
)
print(
    f"  cắt theo giá trị → ({number(by_value.grad[0], '.3f')}, {number(by_value.grad[1], '.3f')}), lệch hướng {number(angle_value, '.1f')}°"
)
print(
    f"Gradient thật, 8 batch: cô-sin nhỏ nhất khi cắt theo chuẩn {number(cos_norm_min, '.6f')}; "
    f"khi cắt theo giá trị trung bình {number(cos_value_mean, '.3f')}, nhỏ nhất {number(cos_value_min, '.3f')}"
)
