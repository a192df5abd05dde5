"""Khởi tạo trực giao và khởi tạo đơn vị (IRNN): dòng gradient lúc khởi tạo, T = 100, ba seed.

So ba cách khởi tạo một RNN 64 nút ẩn, chưa huấn luyện:
- RNN tanh, khởi tạo mặc định (như torch: mọi trọng số đều trên [−1/√H, 1/√H]);
- RNN tanh, W_hh trực giao (mọi giá trị kỳ dị bằng 1);
- IRNN (Le và cộng sự, 2015): hàm kích hoạt ReLU, W_hh = I, mọi độ chệch bằng 0.
"""

import matplotlib.pyplot as plt
import torch

import rnnlab
from rnnlab.experiments.flow import orthogonal
from rnnlab.vi import decimal_comma, number

torch.set_num_threads(1)

T, H, B = 100, 64, 32
SEEDS = [0, 1, 2]
INITS = {"default": "tanh, mặc định", "orthogonal": "tanh, W_hh trực giao", "irnn": "IRNN: ReLU, W_hh = I"}


def make_rnn(init, seed):
    torch.manual_seed(seed)
    # float64: với khởi tạo mặc định, gradient ở bước đầu nhỏ hơn số float32 nhỏ nhất
    rnn = rnnlab.RNN(1, H, nonlinearity="relu" if init == "irnn" else "tanh", dtype=torch.float64)
    with torch.no_grad():
        if init == "orthogonal":
            rnn.weight_hh_l0.copy_(orthogonal(H, seed))
        elif init == "irnn":
            rnn.weight_hh_l0.copy_(torch.eye(H, dtype=torch.float64))
            rnn.bias_ih_l0.zero_()
            rnn.bias_hh_l0.zero_()
    return rnn


def flow(rnn, seed):
    """‖∂L/∂h_t‖ / ‖∂L/∂h_T‖, t = 1..T, với L = Σ_b uᵀ h_T / √B trên B chuỗi đầu vào ngẫu nhiên."""
    g = torch.Generator().manual_seed(100 + seed)
    x = torch.randn(T, B, 1, generator=g, dtype=torch.float64)  # (T, B, 1)
    u = torch.randn(H, generator=g, dtype=torch.float64)
    norms = rnnlab.hidden_grad_norms(rnn, x, lambda output, h_n: (output[-1] @ u).sum() / B**0.5)["l0"]  # (T,)
    return norms / norms[-1]


flows = {init: [flow(make_rnn(init, s), s) for s in SEEDS] for init in INITS}
# ‖∂L/∂h_1‖ / ‖∂L/∂h_T‖ sau 99 bước lùi, trung vị ba seed
first_step = {init: sorted(float(f[0]) for f in flows[init])[1] for init in INITS}

fig, ax = plt.subplots(figsize=(7.5, 4))
for (init, label), color in zip(INITS.items(), ("#b2182b", "#2166ac", "#1b7837")):
    for k, f in enumerate(flows[init]):
        ax.semilogy(range(1, T + 1), f, color=color, lw=1.5, alpha=0.8, label=label if k == 0 else None)
ax.set_xlabel("bước thời gian t")
ax.set_ylabel(r"$\|\partial L/\partial h_t\| \;/\; \|\partial L/\partial h_T\|$")
ax.set_title(f"Dòng gradient lúc khởi tạo theo cách khởi tạo W_hh (T = {T}, {len(SEEDS)} seed)")
ax.grid(True, alpha=0.3)
ax.legend(fontsize=9)
decimal_comma()  # dấu phẩy thập phân trên nhãn trục của mọi hình
plt.show()

for init, label in INITS.items():
    print(f"{label:22s} ‖∂L/∂h_1‖/‖∂L/∂h_T‖ = {number(first_step[init], '.1e')} (trung vị {len(SEEDS)} seed)")
