"""Cắt gradient trong huấn luyện: thiết lập nổ gradient (RNN tanh, W_hh = 1,5·Q, SGD), ba seed,
không cắt / cắt theo chuẩn / cắt theo giá trị; ngưỡng chọn từ các chuẩn gradient quan sát được."""

import matplotlib.pyplot as plt
import torch

from rnnlab.experiments import exploding
from rnnlab.vi import decimal_comma, number

torch.set_num_threads(1)  # ma trận nhỏ: một luồng nhanh hơn hai luồng tranh nhau

SEEDS = [0, 1, 2]
STEPS = 150

# 1) không cắt: rnnlab.train ghi mất mát và chuẩn gradient ở mỗi bước
plain = [exploding.run(seed, steps=STEPS) for seed in SEEDS]

# 2) chọn ngưỡng từ những gì quan sát được: trung vị chuẩn gradient trước khi phân kỳ
observed = exploding.observed_norms(plain)
threshold = exploding.pick_threshold(observed)
value_threshold = exploding.value_threshold(threshold, exploding.make_model(0))

# 3) cùng seed, cùng dữ liệu, có cắt
by_norm = [exploding.run(seed, steps=STEPS, clip_norm=threshold) for seed in SEEDS]
by_value = [exploding.run(seed, steps=STEPS, clip_value=value_threshold) for seed in SEEDS]

diverged_plain = sum(r.diverged for r in plain)
diverged_norm = sum(r.diverged for r in by_norm)
diverged_value = sum(r.diverged for r in by_value)
diverged_steps = [r.diverged_at for r in plain]  # bước phân kỳ (None: không phân kỳ)
nonfinite_plain = sum(r.nonfinite_at is not None for r in plain)  # số lần mất mát/gradient thành NaN/Inf
max_loss_plain = [max(r.loss) for r in plain]  # mất mát lớn nhất của từng seed, không cắt
max_norm_plain = max(max(r.grad_norm) for r in plain)
max_loss_norm = max(max(r.loss) for r in by_norm)
max_loss_value = max(max(r.loss) for r in by_value)
# mất mát trung bình 50 bước cuối, trung bình trên các seed
final_loss_norm = sum(sum(r.loss[-50:]) / 50 for r in by_norm) / len(SEEDS)
final_loss_value = sum(sum(r.loss[-50:]) / 50 for r in by_value) / len(SEEDS)
max_pre_clip_norm = max(max(r.grad_norm) for r in by_norm)  # chuẩn trước khi cắt, trong các lần có cắt
loss_bound = exploding.LOSS_BOUND

groups = [
    ("không cắt", plain),
    (f"cắt theo chuẩn, τ = {number(threshold, '.2f')}", by_norm),
    (f"cắt theo giá trị, c = {number(value_threshold, '.3f')}", by_value),
]
colors = ["#1b9e77", "#d95f02", "#7570b3"]
fig, axes = plt.subplots(2, 3, figsize=(12, 6), sharex=True, sharey="row")
for col, (title, group) in enumerate(groups):
    for color, r in zip(colors, group):
        steps = range(1, len(r.loss) + 1)
        axes[0, col].semilogy(steps, r.loss, color=color, lw=1, label=f"seed {r.seed}")
        axes[1, col].semilogy(steps, r.grad_norm, color=color, lw=0.8)
        if r.diverged:  # ×: lần đầu mất mát vượt ngưỡng; ▲ ở mép trên: dừng vì NaN/Inf
            axes[0, col].plot(r.diverged_at, r.loss[r.diverged_at - 1], "x", color="black", ms=9, mew=2)
        if r.nonfinite_at is not None:
            axes[0, col].plot(r.nonfinite_at, 1e8, "^", color=color, ms=9, mec="black", clip_on=False)
    axes[0, col].axhline(loss_bound, color="black", ls=":", lw=1)
    axes[0, col].set_title(f"{title}\nphân kỳ: {sum(r.diverged for r in group)}/{len(group)}")
    axes[1, col].set_xlabel("bước cập nhật")
axes[0, 0].set_ylim(1e-2, 1e8)
axes[1, 0].set_ylim(1e-2, 1e12)
axes[1, 1].axhline(threshold, color="black", ls="--", lw=1, label="ngưỡng τ")
axes[1, 1].legend(loc="upper right", fontsize=8)
axes[0, 0].set_ylabel("mất mát (MSE)")
axes[1, 0].set_ylabel("‖g‖ trước khi cắt")
axes[0, 0].legend(loc="upper left", fontsize=8)
fig.tight_layout()
decimal_comma()  # dấu phẩy thập phân trên nhãn trục của mọi hình
plt.show()

print(
    f"Ngưỡng cắt theo chuẩn τ = trung vị {len(observed)} chuẩn quan sát được trước khi phân kỳ = {number(threshold, '.3f')}"
)
print(f"Ngưỡng cắt theo giá trị c = τ/√P = {number(value_threshold, '.4f')}")
for title, group in groups:
    detail = ", ".join(
        f"seed {r.seed}: "
        + (
            f"bước {r.diverged_at} ({r.reason}, mất mát lớn nhất {number(max(r.loss), '.3g')}"
            + (f", NaN/Inf ở bước {r.nonfinite_at})" if r.nonfinite_at else ")")
            if r.diverged
            else "ổn định"
        )
        for r in group
    )
    print(f"{title}: {detail}")
print(
    f"Chuẩn gradient lớn nhất khi không cắt: {number(max_norm_plain, '.3g')}; trước khi cắt, trong các lần cắt theo chuẩn: {number(max_pre_clip_norm, '.3g')}"
)
print(
    f"Mất mát lớn nhất khi cắt theo chuẩn {number(max_loss_norm, '.3f')}, theo giá trị {number(max_loss_value, '.3f')} (ngưỡng phân kỳ {number(loss_bound, 'g')})"
)
print(
    f"Mất mát trung bình 50 bước cuối: theo chuẩn {number(final_loss_norm, '.3f')}, theo giá trị {number(final_loss_value, '.3f')}"
)
