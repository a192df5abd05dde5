"""Vì sao cắt gradient không chữa được biến mất gradient: đo phần gradient đến từ từng bước thời
gian của RNN tanh trong bài toán cộng (T = 50), trước và sau khi cắt theo chuẩn."""

import matplotlib.pyplot as plt
import torch

import rnnlab
from rnnlab.experiments.adding import AddingModel, adding_batch
from rnnlab.vi import decimal_comma, number

T = 50
model = AddingModel("rnn", hidden_size=32, seed=0)  # RNN tanh lúc khởi tạo, như trong bài toán cộng
x, y = adding_batch(64, T, torch.Generator().manual_seed(0))  # (T, B, 2), (B,)

# lượt ngược viết tay của rnnlab, ghi lại ∂L/∂h_t ở mọi bước
with rnnlab.record_hidden_grads() as grads:
    output, _ = model.rnn(x)  # (T, B, H)
    loss = ((model.head(output[-1]).squeeze(-1) - y) ** 2).mean()
    loss.backward()
dh = grads["l0"]  # (T, B, H)
# ∂L/∂a_t = (1 − h_t²) ⊙ ∂L/∂h_t; phần của bước t trong ∂L/∂W_ih là ∂L/∂a_tᵀ x_t
da = dh * (1 - output.detach() ** 2)
per_step = torch.einsum("tbh,tbi->thi", da, x)  # (T, H, 2)
# kiểm tra: cộng các phần lại đúng bằng gradient rnnlab tính cho W_ih
sum_error = float((per_step.sum(0) - model.rnn.weight_ih_l0.grad).abs().max())

params = list(model.parameters())
grad_norm = float(torch.sqrt(sum(p.grad.pow(2).sum() for p in params)))  # ‖g‖ của mọi tham số
saved = [p.grad.clone() for p in params]


def clipped_per_step(threshold):
    """Cắt theo chuẩn bằng rnnlab.clip_grad_norm_ rồi đo hệ số nó đã nhân vào gradient của W_ih."""
    for p, g in zip(params, saved):
        p.grad = g.clone()
    before = model.rnn.weight_ih_l0.grad.norm()
    rnnlab.clip_grad_norm_(params, threshold)
    coef = float(model.rnn.weight_ih_l0.grad.norm() / before)
    return coef, coef * per_step.flatten(1).norm(dim=1)  # cắt theo chuẩn nhân MỌI phần với cùng hệ số


unclipped = per_step.flatten(1).norm(dim=1)  # (T,) ‖phần của bước t‖
# τ = 10 > ‖g‖: không chạm tới;  τ = 1 < ‖g‖: cắt thật
coef_10, clipped_10 = clipped_per_step(10.0)
coef_1, clipped_1 = clipped_per_step(1.0)

first_unclipped = float(unclipped[0])  # bước t = 1
first_clipped_10 = float(clipped_10[0])
first_clipped_1 = float(clipped_1[0])
last_unclipped = float(unclipped[-1])  # bước t = T
ratio_unclipped = first_unclipped / last_unclipped  # bước đầu so với bước cuối
ratio_clipped_1 = float(clipped_1[0] / clipped_1[-1])

fig, ax = plt.subplots(figsize=(7.5, 4.2))
t = range(1, T + 1)
ax.semilogy(t, unclipped, "-", color="black", lw=2.5, label=f"không cắt (‖g‖ = {number(grad_norm, '.3f')})")
ax.semilogy(
    t, clipped_10, "--", color="#2166ac", lw=1.8, label=f"cắt theo chuẩn, τ = 10 (hệ số {number(coef_10, '.2f')})"
)
ax.semilogy(t, clipped_1, ":", color="#b2182b", lw=2, label=f"cắt theo chuẩn, τ = 1 (hệ số {number(coef_1, '.2f')})")
ax.set_xlabel("bước thời gian t")
ax.set_ylabel("‖phần của bước t trong ∂L/∂W_ih‖")
ax.set_title("RNN tanh, bài toán cộng T = 50, lúc khởi tạo")
ax.grid(True, alpha=0.3)
ax.legend(loc="lower right", fontsize=9)
decimal_comma()  # dấu phẩy thập phân trên nhãn trục của mọi hình
plt.show()

print(f"Tổng các phần theo bước khớp gradient của W_ih (sai khác lớn nhất {number(sum_error, '.1e')})")
print(f"‖g‖ (mọi tham số) = {number(grad_norm, '.4f')}")
print(
    f"Bước t = 1: không cắt {number(first_unclipped, '.2e')}; cắt τ = 10: {number(first_clipped_10, '.2e')}; cắt τ = 1: {number(first_clipped_1, '.2e')}"
)
print(f"Bước t = {T}: không cắt {number(last_unclipped, '.2e')}")
print(
    f"Tỉ lệ bước 1 / bước {T}: không cắt {number(ratio_unclipped, '.2e')}, cắt τ = 1: {number(ratio_clipped_1, '.2e')}"
)
