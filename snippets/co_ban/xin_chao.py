"""Xin chào RNN: cho một chuỗi đi qua mạng nơ-ron hồi tiếp và vẽ trạng thái ẩn theo bước thời gian.

Chạy: python snippets/co_ban/xin_chao.py
"""

import matplotlib.pyplot as plt
import torch

import rnnlab
from rnnlab.vi import decimal_comma, number

torch.manual_seed(0)

# --8<-- [start:forward]
T, B, I, H = 30, 1, 1, 4  # số bước thời gian, kích thước batch, số đặc trưng đầu vào, số nút ẩn

t = torch.arange(T, dtype=torch.float32)
x = torch.sin(2 * torch.pi * t / 15).reshape(T, B, I)  # (T, B, I): một sóng sin

rnn = rnnlab.RNN(input_size=I, hidden_size=H)  # h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh)
output, h_n = rnn(x)  # output: (T, B, H) gồm mọi h_t; h_n: (1, B, H) là h_T
# --8<-- [end:forward]

# Cùng trọng số, torch.nn.RNN cho cùng kết quả: rnnlab chỉ viết lại công thức cho dễ đọc.
ref = torch.nn.RNN(input_size=I, hidden_size=H)
ref.load_state_dict(rnn.state_dict())
ref_output, _ = ref(x)
max_diff = (output - ref_output).abs().max().item()
h_max = output.abs().max().item()  # tanh giữ mọi trạng thái ẩn trong (-1, 1)

print(f"Đầu vào x:              {tuple(x.shape)}  (T, B, I)")
print(f"Đầu ra output:          {tuple(output.shape)}  (T, B, H)")
print(f"Trạng thái ẩn cuối h_n: {tuple(h_n.shape)}  (số tầng, B, H)")
print(f"|h_t| lớn nhất:         {number(h_max, '.3f')}")
print(f"Sai khác lớn nhất so với torch.nn.RNN: {number(max_diff, '.1e')}")

fig, ax = plt.subplots(figsize=(7, 3.2))
for k in range(H):
    ax.plot(t, output[:, 0, k].detach(), marker=".", label=f"nút ẩn {k + 1}")
ax.plot(t, x[:, 0, 0], "k--", lw=1, label="đầu vào $x_t$")
ax.set_xlabel("bước thời gian t")
ax.set_ylabel("giá trị")
ax.set_title("Trạng thái ẩn $h_t$ của một RNN qua 30 bước thời gian")
ax.legend(ncol=5, fontsize=8, loc="lower center", bbox_to_anchor=(0.5, -0.45))
decimal_comma()  # dấu phẩy thập phân trên nhãn trục của mọi hình
plt.show()
