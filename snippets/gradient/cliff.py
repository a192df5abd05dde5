""" "Vách đá" của Pascanu và cộng sự (2013): mặt lỗi của một mạng hồi tiếp một nút, và các bước
gradient có cắt / không cắt xuất phát từ một điểm trên tường."""

import matplotlib.pyplot as plt
import torch

from rnnlab.experiments.cliff import descend, error, gradient, gradient_norms, wall_point
from rnnlab.vi import decimal_comma, number

# x_t = w·σ(x_{t−1}) + b, x_0 = 0,5, 50 bước; E = (σ(x_50) − 0,7)²
w_grid = torch.linspace(3.0, 7.0, 201, dtype=torch.float64)
b_grid = torch.linspace(-5.0, -1.0, 201, dtype=torch.float64)
W, B = torch.meshgrid(w_grid, b_grid, indexing="xy")  # (201, 201)
E = error(W, B)

# điểm xuất phát: ngay trên mặt tường ở w = 5 (chia đôi theo b để tìm chỗ E nhảy)
start = wall_point(5.0, b_low=-1.0, b_high=-5.0)
grad_norm_wall = float(gradient(*start).norm())
grad_norm_plain = float(gradient(5.0, -1.5).norm())  # một điểm trên đồng bằng, xa tường

LR = 0.5  # tốc độ học
THRESHOLD = 1.0  # ngưỡng cắt theo chuẩn
STEPS = 30
path_unclipped = descend(start, LR, STEPS)  # SGD thường
path_clipped = descend(start, LR, STEPS, clip_norm=THRESHOLD)  # SGD với cắt theo chuẩn


def distance(p, q):
    return float(torch.hypot(torch.tensor(p[0] - q[0]), torch.tensor(p[1] - q[1])))


step_unclipped = distance(path_unclipped[1], start)  # độ dài bước đầu tiên
step_clipped = distance(path_clipped[1], start)
error_start = float(error(*start))
error_unclipped = float(error(*path_unclipped[-1]))  # E sau STEPS bước
error_clipped = float(error(*path_clipped[-1]))
grad_norm_after_unclipped = float(gradient(*path_unclipped[-1]).norm())  # ‖∇E‖ nơi bước không cắt rơi xuống

fig, (ax, ax2) = plt.subplots(1, 2, figsize=(11, 4.4), gridspec_kw={"width_ratios": [1.2, 1]})
mesh = ax.pcolormesh(W, B, E, cmap="viridis", shading="auto", rasterized=True)
fig.colorbar(mesh, ax=ax, label="E(w, b)")
ax.plot(
    [p[0] for p in path_clipped],
    [p[1] for p in path_clipped],
    "w.-",
    lw=1,
    ms=4,
    label=f"{STEPS} bước đã cắt (bước đầu dài {number(step_clipped, '.2f')})",
)
ax.plot(*start, "o", color="white", ms=8, mec="black", label="điểm xuất phát (trên tường)")
# bước không cắt văng ra khỏi hình: vẽ mũi tên theo hướng của nó tới mép hình
direction = torch.tensor([path_unclipped[1][0] - start[0], path_unclipped[1][1] - start[1]])
direction = direction / direction.norm()
edge = (start[0] + 1.5 * float(direction[0]), start[1] + 1.5 * float(direction[1]))
ax.annotate("", xy=edge, xytext=start, arrowprops={"arrowstyle": "->", "color": "#ff5555", "lw": 2, "ls": "--"})
ax.text(
    3.15,
    -1.25,
    f"bước không cắt: dài {number(step_unclipped, '.0f')},\nvăng tới ({number(path_unclipped[1][0], '.0f')}, {number(path_unclipped[1][1], '.0f')})",
    color="#ff7777",
    fontsize=9,
    va="top",
)
ax.set_xlim(3.0, 7.0)
ax.set_ylim(-5.0, -1.0)
ax.set_xlabel("w")
ax.set_ylabel("b")
ax.set_title("Mặt lỗi E(w, b) sau 50 bước")
ax.legend(loc="lower left", fontsize=8)

# lát cắt tại w = 5: E và ‖∇E‖ theo b (thêm chính điểm trên tường)
bs = torch.cat([torch.linspace(-3.2, -2.0, 2001, dtype=torch.float64), torch.tensor([start[1]], dtype=torch.float64)])
bs = bs.sort().values
ws = torch.full_like(bs, 5.0)
ax2.plot(bs, error(ws, bs), color="#2166ac")
ax2.set_xlabel("b (với w = 5)")
ax2.set_ylabel("E", color="#2166ac")
ax3 = ax2.twinx()
ax3.semilogy(bs, gradient_norms(ws, bs), color="#b2182b", lw=1)
ax3.set_ylabel("‖∇E‖", color="#b2182b")
ax2.set_title("Lát cắt qua bức tường")
fig.tight_layout()
decimal_comma()  # dấu phẩy thập phân trên nhãn trục của mọi hình
plt.show()

print(
    f"Điểm xuất phát (w, b) = ({number(start[0], '.3f')}, {number(start[1], '.4f')}), E = {number(error_start, '.3f')}"
)
print(
    f"‖∇E‖ trên tường: {number(grad_norm_wall, '.3g')}; trên đồng bằng (w = 5, b = −1,5): {number(grad_norm_plain, '.3g')}"
)
print(
    f"Không cắt: bước đầu dài {number(step_unclipped, '.3g')}; sau {STEPS} bước E = {number(error_unclipped, '.4f')}, ‖∇E‖ = {number(grad_norm_after_unclipped, '.1e')}"
)
print(
    f"Cắt theo chuẩn (ngưỡng {number(THRESHOLD)}): bước đầu dài {number(step_clipped, '.3g')}; sau {STEPS} bước E = {number(error_clipped, '.4f')}"
)
