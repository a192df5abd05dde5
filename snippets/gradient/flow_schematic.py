"""Sơ đồ lượt ngược, vẽ từ số đo: RNN tanh và LSTM trải ra T = 12 bước, lúc khởi tạo.

Mỗi vòng tròn là một trạng thái; màu và con số dưới nó là ‖∂L/∂h_t‖ (với LSTM: ‖∂L/∂c_t‖ của ô nhớ) đo
bằng autograd, khi mất mát chỉ đọc trạng thái cuối. Mũi tên đi ngược thời gian, từ bước t + 1 về bước t:
mỗi mũi tên là một phép nhân với ma trận Jacobi J_t, và độ dày của nó tỉ lệ với log của gradient nó mang.
"""

import matplotlib.pyplot as plt
import numpy as np
import torch

import rnnlab
from rnnlab.vi import decimal_comma, number

torch.manual_seed(0)
T, H, B = 12, 32, 16  # số bước, số nút ẩn, số chuỗi
x = torch.randn(T, B, 4)  # (T, B, I): đầu vào ngẫu nhiên
u = torch.randn(H)
u = u / u.norm()  # L = Σ_b uᵀ h_T⁽ᵇ⁾ / √B, nên ‖∂L/∂h_T‖ = 1 đúng bằng

rnn = rnnlab.RNN(4, H)  # h_t = tanh(W_ih x_t + W_hh h_{t-1} + b), khởi tạo mặc định như torch
lstm = rnnlab.LSTM(4, H)
with torch.no_grad():
    lstm.bias_hh_l0[H : 2 * H] += 1.0  # cổng quên: cộng 1 vào độ chệch, như ở bài toán cộng


def state_grad_norms(layer):
    """Chạy từng bước một và giữ gradient của mọi trạng thái: {"h": (T,), "c": (T,) nếu là LSTM}."""
    states, state = [], None
    for t in range(T):
        _, state = layer(x[t : t + 1], state)  # RNN: state = h_t (1, B, H); LSTM: (h_t, c_t)
        for s in state if isinstance(state, tuple) else (state,):
            s.retain_grad()
        states.append(state if isinstance(state, tuple) else (state,))
    loss = (states[-1][0][0] @ u).sum() / B**0.5  # L chỉ đọc h_T
    loss.backward()
    norms = {"h": np.array([s[0].grad.norm().item() for s in states])}
    if len(states[0]) == 2:  # L đọc h_T chứ không đọc c_T trực tiếp: ô nhớ chỉ có gradient ở t = 1..T−1
        norms["c"] = np.array([s[1].grad.norm().item() for s in states[:-1]])
    return norms


rnn_norms, lstm_norms = state_grad_norms(rnn), state_grad_norms(lstm)
rows = [
    ("RNN tanh: trạng thái ẩn $h_t$", rnn_norms["h"], r"$\times J_t$"),
    ("LSTM: ô nhớ $c_t$ (lối đi qua cổng quên $f_t$)", lstm_norms["c"], r"$\times J_t$"),
]
rnn_curve, lstm_c_curve = rnn_norms["h"].tolist(), lstm_norms["c"].tolist()  # số đo để in và kiểm thử
rnn_first = float(rnn_norms["h"][0])  # ‖∂L/∂h_1‖ (‖∂L/∂h_T‖ = 1)
lstm_c_first = float(lstm_norms["c"][0])  # ‖∂L/∂c_1‖
rnn_per_step = rnn_first ** (1 / (T - 1))  # hệ số nhân trung bình mỗi bước lùi
lstm_c_per_step = (lstm_c_first / lstm_norms["c"][-1]) ** (1 / (T - 2))

fig, ax = plt.subplots(figsize=(11, 4.2))
cmap, vmin, vmax = plt.get_cmap("viridis"), -6.0, 0.0
for row, (label, norms, jac) in enumerate(rows):
    y = 2.0 - 2.0 * row
    ax.text(0.6, y + 0.5, label, fontsize=10, ha="left")
    for t in range(1, len(norms) + 1):
        value = np.log10(max(norms[t - 1], 1e-30))
        ax.add_patch(plt.Circle((t, y), 0.28, color=cmap((np.clip(value, vmin, vmax) - vmin) / (vmax - vmin))))
        ax.text(t, y - 0.5, number(norms[t - 1], ".0e"), ha="center", fontsize=7)
        if t < len(norms):  # mũi tên ngược: từ bước t + 1 về bước t, dày theo log của gradient tới được bước t
            width = 0.5 + 1.2 * max(np.log10(max(norms[t - 1], 1e-30)) - vmin, 0.0)
            ax.annotate(
                "",
                xy=(t + 0.3, y),
                xytext=(t + 0.7, y),
                arrowprops={"arrowstyle": "-|>", "lw": width, "color": "#b2182b"},
            )
            if t == len(norms) - 1:
                ax.text(t + 0.5, y + 0.22, jac, ha="center", fontsize=8)
ax.text(T + 0.45, 2.0, "L", fontsize=12, va="center")
ax.text(T, 0.0, "$h_T$ → L", fontsize=9, ha="center", va="center")
ax.set_xlim(0.2, T + 0.8)
ax.set_ylim(-0.8, 2.8)
ax.set_aspect("equal")
ax.set_xticks(range(1, T + 1), [f"t={t}" for t in range(1, T + 1)], fontsize=8)
ax.set_yticks([])
for side in ("left", "right", "top"):
    ax.spines[side].set_visible(False)
mappable = plt.cm.ScalarMappable(cmap=cmap, norm=plt.Normalize(vmin, vmax))
fig.colorbar(mappable, ax=ax, label=r"$\log_{10}$ chuẩn gradient", shrink=0.8)
ax.set_title("Lượt ngược đo được lúc khởi tạo: RNN tanh và ô nhớ của LSTM")
decimal_comma()  # dấu phẩy thập phân trên nhãn trục của mọi hình
plt.show()

print(f"‖∂L/∂h_1‖ của RNN tanh: {number(rnn_first, '.1e')}  (trung bình ×{number(rnn_per_step, '.2f')} mỗi bước lùi)")
print(
    f"‖∂L/∂c_1‖ của LSTM:     {number(lstm_c_first, '.1e')}  (trung bình ×{number(lstm_c_per_step, '.2f')} mỗi bước lùi)"
)
