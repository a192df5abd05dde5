"""LSTM viết tay (rnnlab) và torch.nn.LSTM: cùng trọng số cho cùng đầu ra và cùng gradient.

Chạy: python snippets/loai_rnn/lstm_parity.py
"""

import torch
from torch import nn

import rnnlab
from rnnlab.vi import number

torch.manual_seed(0)
x = torch.randn(20, 4, 3)  # (T, B, I): 20 bước thời gian, batch 4 chuỗi, 3 đặc trưng

# --8<-- [start:torch]
reference = nn.LSTM(input_size=3, hidden_size=8)  # có sẵn trong PyTorch
out_ref, (h_ref, c_ref) = reference(x)  # out: (T, B, H) mọi h_t; h_n, c_n: (1, B, H)
# --8<-- [end:torch]

# --8<-- [start:rnnlab]
model = rnnlab.LSTM(input_size=3, hidden_size=8)  # tự viết: rnnlab/lstm.py và rnnlab/bptt.py
model.load_state_dict(reference.state_dict())  # chép đúng trọng số của torch.nn.LSTM sang
out, (h_n, c_n) = model(x)
# --8<-- [end:rnnlab]

# --8<-- [start:compare]
max_abs_diff = max((a - b).abs().max().item() for a, b in ((out, out_ref), (h_n, h_ref), (c_n, c_ref)))

# lượt ngược: gradient của cùng một hàm mất mát theo từng ma trận trọng số
out.pow(2).mean().backward()
out_ref.pow(2).mean().backward()
grad_max_abs_diff = max(
    (p.grad - q.grad).abs().max().item() for p, q in zip(model.parameters(), reference.parameters())
)
print(f"Sai khác lớn nhất ở đầu ra (h_t, h_n, c_n): {number(max_abs_diff, '.1e')}")
print(f"Sai khác lớn nhất ở gradient:               {number(grad_max_abs_diff, '.1e')}")
# --8<-- [end:compare]
