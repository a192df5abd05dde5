"""GRU tự viết (rnnlab.GRU) và GRU có sẵn (torch.nn.GRU): cùng trọng số thì cùng kết quả."""

import torch

import rnnlab
from rnnlab.vi import number

torch.manual_seed(0)
x = torch.randn(4, 12, 8)  # (B, T, I): 4 câu, 12 bước thời gian, 8 đặc trưng mỗi bước

# --8<-- [start:torch]
gru_torch = torch.nn.GRU(input_size=8, hidden_size=16, batch_first=True)
out_torch, h_n_torch = gru_torch(x)  # out: (B, T, H) mọi h_t; h_n: (1, B, H) trạng thái ẩn cuối
# --8<-- [end:torch]

# --8<-- [start:rnnlab]
gru = rnnlab.GRU(input_size=8, hidden_size=16, batch_first=True)
gru.load_state_dict(gru_torch.state_dict())  # cùng tên tham số: weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0
out, h_n = gru(x)
# --8<-- [end:rnnlab]

# So sánh đầu ra, rồi gradient: lượt ngược viết tay của rnnlab so với autograd của torch
(out**2).sum().backward()
(out_torch**2).sum().backward()
diff_output = (out - out_torch).abs().max().item()
diff_h_n = (h_n - h_n_torch).abs().max().item()
# gradient có độ lớn cỡ hàng chục nên so sai khác tương đối: max |g − g_torch| / max |g_torch|
diff_grad = max(
    ((p.grad - q.grad).abs().max() / q.grad.abs().max()).item()
    for p, q in zip(gru.parameters(), gru_torch.parameters())
)
print("Tham số:", {name: tuple(p.shape) for name, p in gru.named_parameters()})
print(
    f"Sai khác lớn nhất: đầu ra {number(diff_output, '.1e')}, trạng thái ẩn cuối {number(diff_h_n, '.1e')}, gradient (tương đối) {number(diff_grad, '.1e')}"
)
max_abs_diff = max(diff_output, diff_h_n)
