"""Sơ đồ RNN hai chiều trải theo thời gian: chiều xuôi, chiều ngược, và đầu ra đọc cả hai.

Chạy: python snippets/loai_rnn/hai_chieu_diagram.py
"""

import matplotlib.pyplot as plt
from matplotlib.patches import FancyBboxPatch

from rnnlab.vi import decimal_comma

T = 4  # số bước thời gian vẽ ra
ROWS = {"x": 0.0, "xuoi": 1.3, "nguoc": 2.6, "y": 3.9}  # độ cao của từng hàng
STEP = 1.6  # khoảng cách giữa hai bước thời gian trên hình
W = 0.32  # nửa chiều rộng một ô
FORWARD, BACKWARD = "C0", "C1"  # màu chiều xuôi, chiều ngược

fig, ax = plt.subplots(figsize=(8, 4.6))


def box(x, y, text, color, round_=False):
    style = "round,pad=0.02,rounding_size=0.25" if round_ else "square,pad=0.02"
    ax.add_patch(FancyBboxPatch((x - W, y - 0.25), 2 * W, 0.5, boxstyle=style, fc="white", ec=color, lw=1.6))
    ax.text(x, y, text, ha="center", va="center", fontsize=11)


def arrow(start, end, color, text="", offset=(0, 0.2), ls="-"):
    ax.annotate(
        "",
        xy=end,
        xytext=start,
        arrowprops={"arrowstyle": "-|>", "color": color, "lw": 1.4, "ls": ls, "shrinkA": 0, "shrinkB": 0},
    )
    if text:
        ax.text(
            (start[0] + end[0]) / 2 + offset[0],
            (start[1] + end[1]) / 2 + offset[1],
            text,
            ha="center",
            va="center",
            fontsize=9,
            color=color,
        )


def detour(points, color):
    """Đường gấp khúc nét đứt qua các điểm, mũi tên ở điểm cuối (để đi vòng qua ô ở giữa)."""
    xs, ys = zip(*points)
    ax.plot(xs[:-1], ys[:-1], color=color, lw=1.2, ls="--")
    arrow(points[-2], points[-1], color, ls="--")


for t in range(1, T + 1):
    c = t * STEP  # hoành độ của bước t
    box(c, ROWS["x"], f"$x_{t}$", "0.3")
    box(c, ROWS["xuoi"], "ô →", FORWARD)
    box(c, ROWS["nguoc"], "ô ←", BACKWARD)
    box(c, ROWS["y"], rf"$\hat y_{t}$", "0.3", round_=True)
    # đầu vào x_t đi vào cả hai chiều (đường vào chiều ngược đi vòng bên phải ô xuôi)
    arrow((c, ROWS["x"] + 0.25), (c, ROWS["xuoi"] - 0.25), "0.4")
    side = W + 0.12
    detour(
        [(c + W, ROWS["x"]), (c + side, ROWS["x"]), (c + side, ROWS["nguoc"] - 0.45), (c + 0.15, ROWS["nguoc"] - 0.25)],
        "0.55",
    )
    # đầu ra ŷ_t đọc cả hai chiều (đường từ chiều xuôi đi vòng bên trái ô ngược)
    detour(
        [(c - W, ROWS["xuoi"]), (c - side, ROWS["xuoi"]), (c - side, ROWS["y"] - 0.45), (c - 0.15, ROWS["y"] - 0.25)],
        FORWARD,
    )
    arrow((c, ROWS["nguoc"] + 0.25), (c, ROWS["y"] - 0.25), BACKWARD)
for t in range(1, T):
    c = t * STEP
    # chiều xuôi: trạng thái ẩn của bước t chuyển sang bước t + 1
    arrow((c + W, ROWS["xuoi"]), (c + STEP - W, ROWS["xuoi"]), FORWARD, rf"$\overrightarrow{{h}}_{t}$")
    # chiều ngược: trạng thái ẩn của bước t + 1 chuyển về bước t
    arrow((c + STEP - W, ROWS["nguoc"]), (c + W, ROWS["nguoc"]), BACKWARD, rf"$\overleftarrow{{h}}_{{{t + 1}}}$")

ax.text(0.75, ROWS["xuoi"], "chiều xuôi\n(đọc $x_1 \\to x_4$)", ha="right", va="center", fontsize=9, color=FORWARD)
ax.text(0.75, ROWS["nguoc"], "chiều ngược\n(đọc $x_4 \\to x_1$)", ha="right", va="center", fontsize=9, color=BACKWARD)
ax.text(
    0.75,
    ROWS["y"],
    "đầu ra đọc\n" r"$[\overrightarrow{h}_t ; \overleftarrow{h}_t]$",
    ha="right",
    va="center",
    fontsize=9,
)
ax.text(0.75, ROWS["x"], "đầu vào", ha="right", va="center", fontsize=9)
ax.set_xlim(-0.6, T * STEP + 0.6)
ax.set_ylim(-0.5, ROWS["y"] + 0.5)
ax.axis("off")
ax.set_title("RNN hai chiều trải theo thời gian: mỗi đầu ra thấy cả phía trước lẫn phía sau")
decimal_comma()  # dấu phẩy thập phân trên nhãn trục của mọi hình
plt.show()
