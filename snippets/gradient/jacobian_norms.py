"""Bán kính phổ và giá trị kỳ dị lớn nhất: hai con số quyết định số phận của tích các ma trận Jacobi."""

import matplotlib.pyplot as plt
import torch

import rnnlab
from rnnlab.experiments.flow import orthogonal
from rnnlab.vi import decimal_comma, number

H = 32
K = 60  # số lần nhân
g = torch.Generator().manual_seed(0)

# W ngẫu nhiên Gauss, co lại để bán kính phổ đúng bằng 0,9
W = torch.randn(H, H, generator=g, dtype=torch.float64) / H**0.5
W = W * (0.9 / torch.linalg.eigvals(W).abs().max())
spectral_radius = float(torch.linalg.eigvals(W).abs().max())
sigma_max = float(torch.linalg.matrix_norm(W, ord=2))  # giá trị kỳ dị lớn nhất
Q = 0.9 * orthogonal(H, seed=0)  # cùng bán kính phổ 0,9, nhưng σ_max cũng là 0,9

# ‖W^k‖ (chuẩn phổ) cho k = 0..K: với RNN tuyến tính, đó là ‖∂h_t/∂h_{t−k}‖
powers_gauss = [float(torch.linalg.matrix_norm(torch.linalg.matrix_power(W, k), ord=2)) for k in range(K + 1)]
powers_orth = [float(torch.linalg.matrix_norm(torch.linalg.matrix_power(Q, k), ord=2)) for k in range(K + 1)]
peak_gauss = max(powers_gauss)
peak_at = powers_gauss.index(peak_gauss)
below_one_at = next(k for k, v in enumerate(powers_gauss) if k > peak_at and v < 1.0)

# RNN tanh với chính W đó: ‖∂h_t/∂h_{t−1}‖ = ‖diag(1 − h_t²) W‖ ≤ ‖W‖ = σ_max ở mọi bước
torch.manual_seed(0)
model = rnnlab.RNN(1, H, dtype=torch.float64)
with torch.no_grad():
    model.weight_hh_l0.copy_(W)
x = torch.randn(30, 1, generator=g, dtype=torch.float64)  # (T, I), T = 30 bước
jac = rnnlab.jacobian_norms(model, x)
step_max = float(jac["step"].max())
tanh_below_sigma = bool((jac["step"] <= sigma_max + 1e-12).all())

fig, (ax, ax2) = plt.subplots(1, 2, figsize=(11, 4))
ax.semilogy(
    range(K + 1),
    powers_gauss,
    color="#b2182b",
    label=f"W Gauss: ρ = {number(spectral_radius, '.2f')}, σ_max = {number(sigma_max, '.2f')}",
)
ax.semilogy(range(K + 1), powers_orth, color="#2166ac", label="0,9·Q trực giao: ρ = σ_max = 0,9")
ax.semilogy(range(K + 1), [0.9**k for k in range(K + 1)], ":", color="gray", label="0,9^k")
ax.axhline(1.0, color="black", lw=0.8)
ax.set_xlabel("k (số bước lùi)")
ax.set_ylabel(r"$\|W^k\|$")
ax.set_title("Cùng bán kính phổ 0,9, khác giá trị kỳ dị lớn nhất")
ax.grid(True, alpha=0.3)
ax.legend(fontsize=8)

ax2.plot(
    range(1, len(jac["step"]) + 1),
    jac["step"],
    "o-",
    ms=3,
    color="#1b7837",
    label=r"RNN tanh: $\|\partial h_t/\partial h_{t-1}\|$",
)
ax2.axhline(sigma_max, color="#b2182b", ls="--", label=f"σ_max(W) = {number(sigma_max, '.2f')}")
ax2.set_xlabel("bước thời gian t")
ax2.set_ylabel("chuẩn phổ")
ax2.set_ylim(0, sigma_max * 1.15)
ax2.set_title("tanh chỉ làm ma trận Jacobi nhỏ đi")
ax2.grid(True, alpha=0.3)
ax2.legend(loc="lower right", fontsize=8)
fig.tight_layout()
decimal_comma()  # dấu phẩy thập phân trên nhãn trục của mọi hình
plt.show()

print(f"W Gauss: bán kính phổ {number(spectral_radius, '.3f')}, giá trị kỳ dị lớn nhất {number(sigma_max, '.3f')}")
print(
    f"‖W^k‖ lớn nhất {number(peak_gauss, '.2f')} ở k = {peak_at}, xuống dưới 1 từ k = {below_one_at}; ‖W^{K}‖ = {number(powers_gauss[-1], '.2e')}"
)
print(f"RNN tanh: ‖∂h_t/∂h_(t−1)‖ lớn nhất {number(step_max, '.3f')} ≤ σ_max: {tanh_below_sigma}")
