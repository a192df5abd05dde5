# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Sổ tay: dòng gradient qua thời gian
#
# > **Cần biết trước:** trang [biến mất gradient](../../gradient/bien-mat/) (tích các ma trận Jacobi) và
# > cách chạy một sổ tay Jupyter.
#
# Sổ tay này chạy lại mỗi lần dựng trang, nên mọi con số và hình dưới đây là kết quả thật của `rnnlab`
# phiên bản hiện tại. Tải nó về (nút tải ở đầu trang) để tự đổi tham số và chạy trên máy của bạn; cả sổ
# tay chạy trong vài giây trên CPU.
#
# Ta đo $\lVert \partial L / \partial h_t \rVert$ ở từng bước thời gian $t$ của một tầng hồi tiếp, khi mất
# mát $L$ chỉ phụ thuộc trạng thái ẩn cuối $h_T$ và được chọn sao cho
# $\lVert \partial L / \partial h_T \rVert = 1$. Ma trận trọng số hồi tiếp là $W_{hh} = \rho\, Q$, với $Q$
# trực giao (với LSTM và GRU: mỗi khối cổng của $W_{hh}$ là $\rho$ nhân một ma trận trực giao riêng).
# Với RNN tuyến tính, lý thuyết cho đúng
#
# $$\left\lVert \frac{\partial L}{\partial h_t} \right\rVert = \rho^{\,T-t}.$$
#
# Giải thích đầy đủ ở các trang [biến mất gradient](../../gradient/bien-mat/) và
# [nổ gradient](../../gradient/no/).

# %% [markdown]
# ## Tham số để thay đổi
#
# - `CELL`: loại ô, `"rnn"`, `"lstm"` hoặc `"gru"`;
# - `NONLINEARITY`: hàm kích hoạt của RNN, `"identity"` (RNN tuyến tính) hoặc `"tanh"`;
# - `RHO`: $\rho$, hệ số nhân của $W_{hh}$;
# - `T`: số bước thời gian.

# %%
CELL = "rnn"
NONLINEARITY = "identity"
RHO = 0.9
T = 60
H = 32  # số nút ẩn

# %%
import matplotlib.pyplot as plt
import torch

from rnnlab.experiments.flow import flow_curve, growth_per_step, plot_flow
from rnnlab.vi import decimal_comma, number

torch.set_num_threads(1)  # ma trận nhỏ: một luồng nhanh hơn hai luồng tranh nhau

r = flow_curve(CELL, RHO, seq_len=T, hidden_size=H, nonlinearity=NONLINEARITY, batch_size=4)
measured, theory = r["measured"], r["theory"]
print(f"{CELL} ({NONLINEARITY if CELL == 'rnn' else 'có cổng'}), ρ = {number(RHO)}, T = {T}")
print(f"‖∂L/∂h_T‖ = {number(float(measured[-1]), '.3f')}")
print(f"‖∂L/∂h_1‖ = {number(float(measured[0]), '.3e')}   (ρ^(T−1) = {number(float(theory[0]), '.3e')})")
print(f"hệ số nhân trung bình mỗi bước lùi: {number(growth_per_step(measured), '.4f')}")
if CELL == "rnn" and NONLINEARITY == "identity":
    rel = float(((measured - theory).abs() / theory).max())
    print(f"RNN tuyến tính: sai lệch tương đối lớn nhất so với ρ^(T−t) = {number(rel, '.1e')}")
    assert rel < 1e-9

# %%
fig, ax = plt.subplots(figsize=(7.5, 4))
plot_flow(ax, r, theory_label=r"$\rho^{T-t}$", title=f"{CELL}, ρ = {number(RHO)}, T = {T}")
decimal_comma()  # dấu phẩy thập phân trên nhãn trục
plt.show()

# %% [markdown]
# ## Nhiều giá trị của $\rho$ cùng lúc
#
# Cùng loại ô, năm giá trị của $\rho$. Với RNN tuyến tính, đường $\rho = 1$ nằm ngang: đó là biên giới
# giữa biến mất gradient (đi xuống về bên trái) và nổ gradient (đi lên).

# %%
RHOS = [0.5, 0.9, 1.0, 1.1, 1.5]

fig, ax = plt.subplots(figsize=(7.5, 4))
for rho in RHOS:
    curve = flow_curve(CELL, rho, seq_len=T, hidden_size=H, nonlinearity=NONLINEARITY, batch_size=4)
    plot_flow(ax, curve, label=f"ρ = {number(rho)}", style="-")
    print(
        f"ρ = {number(rho)}: ‖∂L/∂h_1‖ = {number(curve['measured'][0], '.2e')}, "
        f"mỗi bước nhân {number(growth_per_step(curve['measured']), '.3f')}"
    )
ax.set_title(f"{CELL} ({NONLINEARITY if CELL == 'rnn' else 'có cổng'}), T = {T}")
ax.legend(ncol=2)
decimal_comma()  # dấu phẩy thập phân trên nhãn trục
plt.show()

# %% [markdown]
# ## Bốn loại ô, cùng $\rho$
#
# RNN tuyến tính, RNN tanh, LSTM và GRU với cùng $W_{hh} = \rho\, Q$ và cùng đầu vào ngẫu nhiên.
# Đây là lúc **khởi tạo**: các cổng của LSTM và GRU chưa học gì, nằm quanh 0,5, nên chúng chưa giữ được
# gradient. Hình sau huấn luyện (khi các cổng đã học cách mở lối tắt) nằm ở
# [trang giải pháp](../../gradient/giai-phap/#bai-toan-cong).

# %%
KINDS = [
    ("rnn", "identity", "RNN tuyến tính"),
    ("rnn", "tanh", "RNN tanh"),
    ("lstm", "tanh", "LSTM"),
    ("gru", "tanh", "GRU"),
]

fig, ax = plt.subplots(figsize=(7.5, 4))
for cell, nonlinearity, name in KINDS:
    curve = flow_curve(cell, RHO, seq_len=T, hidden_size=H, nonlinearity=nonlinearity, batch_size=4)
    plot_flow(ax, curve, label=name, style="-", title=f"ρ = {number(RHO)}, T = {T}, lúc khởi tạo")
    print(f"{name:15s} ‖∂L/∂h_1‖ = {number(curve['measured'][0], '.2e')}")
decimal_comma()  # dấu phẩy thập phân trên nhãn trục
plt.show()

# %% [markdown]
# ## Chuỗi dài hơn thì sao?
#
# Gradient về tới bước đầu tiên, $\lVert \partial L / \partial h_1 \rVert$, theo độ dài chuỗi $T$. Trên
# thang log, một đường thẳng nghĩa là theo hàm mũ của $T$: mỗi bước thời gian thêm vào nhân gradient ở đầu
# chuỗi với cùng một hệ số.

# %%
LENGTHS = [10, 20, 40, 80, 160]

fig, ax = plt.subplots(figsize=(7.5, 4))
for cell, nonlinearity, name in KINDS:
    first = [
        float(flow_curve(cell, RHO, seq_len=n, hidden_size=H, nonlinearity=nonlinearity)["measured"][0])
        for n in LENGTHS
    ]
    ax.semilogy(LENGTHS, first, "o-", label=name)
ax.set_xlabel("độ dài chuỗi T")
ax.set_ylabel(r"$\|\partial L/\partial h_1\|$")
ax.set_title(f"Gradient về tới bước đầu tiên, ρ = {number(RHO)}")
ax.grid(True, alpha=0.3)
ax.legend()
decimal_comma()  # dấu phẩy thập phân trên nhãn trục
plt.show()

# %% [markdown]
# ## Ngoài lưới của trình khám phá
#
# [Trình khám phá](../../gradient/minh-hoa/#tu-kham-pha) trên trang minh hoạ chỉ có các đường tính sẵn lúc
# dựng trang: $\rho$ từ 0,5 tới 1,5 (bước 0,05) và $T$ = 10, 20, 50, 100, 200. Nó gọi đúng `flow_curve`
# với các tham số dưới đây (`hooks/explorer.py`, biến `CELLS`), nên muốn một đường ngoài lưới, chẳng hạn
# $\rho = 1{,}02$ hay $T = 300$, chỉ cần gọi lại hàm đó; trong lưới, số in ra trùng với số trình khám phá
# đọc lên.

# %%
# (loại ô, hàm kích hoạt, số nút ẩn H, số chuỗi B) như trình khám phá
EXPLORER = {
    "RNN tuyến tính": ("rnn", "identity", 16, 1),
    "RNN tanh": ("rnn", "tanh", 32, 8),
    "LSTM": ("lstm", "tanh", 32, 8),
    "GRU": ("gru", "tanh", 32, 8),
}
for name, (cell, nonlinearity, hidden, batch) in EXPLORER.items():
    curve = flow_curve(cell, 1.02, 300, hidden_size=hidden, nonlinearity=nonlinearity, batch_size=batch, seed=0)
    print(f"{name:15s} ρ = 1,02, T = 300: ‖∂L/∂h_1‖ = {float(curve['measured'][0]):.2e}")

# %% [markdown]
# ## Gợi ý thử
#
# - Đặt `RHO = 1.0` rồi `RHO = 1.05`: với RNN tuyến tính, chỉ 5% trên 1 cũng đủ làm gradient nổ khi $T$
#   lớn.
# - Đặt `NONLINEARITY = "tanh"` và `RHO = 3`: gradient nổ, nhưng chậm hơn $3^{T-t}$ rất nhiều vì $\tanh$
#   bão hoà.
# - Đặt `CELL = "gru"` và tăng `RHO`: phần gradient đi qua $W_{hh}$ lớn lên, còn lối tắt
#   $\operatorname{diag}(z_t)$ của cổng cập nhật thì không nhân với $W_{hh}$. (Nó vẫn phụ thuộc $\rho$ một
#   cách gián tiếp: $z_t$ tính từ $h_{t-1}$, mà $h_{t-1}$ lại phụ thuộc $W_{hh}$.)
# - Chạy ở kích thước lớn hơn bằng dòng lệnh: `rnnlab flow --cell lstm --rho 1.0 --seq-len 500`.
