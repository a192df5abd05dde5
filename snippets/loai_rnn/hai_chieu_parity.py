"""RNN hai chiều: rnnlab và torch.nn cho cùng đầu ra, và tự ghép từ hai RNN một chiều cũng ra đúng như thế.

Chạy: python snippets/loai_rnn/hai_chieu_parity.py
"""

import torch
from torch import nn

import rnnlab
from rnnlab.vi import number

torch.manual_seed(0)
x = torch.randn(12, 4, 3)  # (T, B, I): 12 bước thời gian, batch 4 chuỗi, 3 đặc trưng

# --8<-- [start:torch]
reference = nn.RNN(input_size=3, hidden_size=8, bidirectional=True)  # có sẵn trong PyTorch
out_ref, h_ref = reference(x)  # out: (T, B, 2H) = [xuôi, ngược]; h_n: (2, B, H)
# --8<-- [end:torch]

# --8<-- [start:rnnlab]
model = rnnlab.RNN(input_size=3, hidden_size=8, bidirectional=True)  # tự viết: rnnlab/layers.py
model.load_state_dict(reference.state_dict())  # tham số *_l0 (chiều xuôi) và *_l0_reverse (chiều ngược)
out, h_n = model(x)
# --8<-- [end:rnnlab]

# --8<-- [start:compose]
# Tự ghép từ hai RNN một chiều: một RNN đọc x từ đầu đến cuối, một RNN đọc x từ cuối về đầu
forward_rnn = rnnlab.RNN(input_size=3, hidden_size=8)
backward_rnn = rnnlab.RNN(input_size=3, hidden_size=8)
weights = reference.state_dict()
forward_rnn.load_state_dict({k: v for k, v in weights.items() if not k.endswith("_reverse")})
backward_rnn.load_state_dict({k.removesuffix("_reverse"): v for k, v in weights.items() if k.endswith("_reverse")})

out_forward, _ = forward_rnn(x)  # hàng t: chiều xuôi, đã đọc x_1, ..., x_t
out_backward, _ = backward_rnn(x.flip(0))  # đọc x_T, ..., x_1
out_backward = out_backward.flip(0)  # lật lại: hàng t là chiều ngược, đã đọc x_T, ..., x_t
out_composed = torch.cat([out_forward, out_backward], dim=-1)  # (T, B, 2H): h_t = [xuôi_t ; ngược_t]
# --8<-- [end:compose]

# --8<-- [start:compare]
max_abs_diff = max((out - out_ref).abs().max().item(), (h_n - h_ref).abs().max().item())
composed_max_abs_diff = (out_composed - out_ref).abs().max().item()
print(f"Kích thước đầu ra: {tuple(out.shape)}  (T, B, 2H)")
print(f"rnnlab so với torch.nn.RNN(bidirectional=True): sai khác lớn nhất {number(max_abs_diff, '.1e')}")
print(f"Tự ghép hai RNN một chiều so với torch.nn:      sai khác lớn nhất {number(composed_max_abs_diff, '.1e')}")
# --8<-- [end:compare]
