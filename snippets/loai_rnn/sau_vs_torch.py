"""RNN sâu: rnnlab.GRU(num_layers=3), torch.nn.GRU(num_layers=3) và ba tầng GRU xếp chồng bằng tay."""

import torch

import rnnlab
from rnnlab.vi import number

torch.manual_seed(0)
x = torch.randn(20, 4, 8)  # (T, B, I): 20 bước thời gian, batch 4 chuỗi, 8 đặc trưng

# --8<-- [start:torch]
deep_torch = torch.nn.GRU(input_size=8, hidden_size=16, num_layers=3)
out_torch, h_n_torch = deep_torch(x)  # out: (T, B, H) của tầng trên cùng; h_n: (3, B, H), một hàng cho mỗi tầng
# --8<-- [end:torch]

# --8<-- [start:rnnlab]
deep = rnnlab.GRU(input_size=8, hidden_size=16, num_layers=3)
deep.load_state_dict(deep_torch.state_dict())  # weight_ih_l0, ..., weight_hh_l2: cùng tên, cùng hình dạng
out, h_n = deep(x)
# --8<-- [end:rnnlab]

# --8<-- [start:stack]
# Xếp chồng bằng tay: ba GRU một tầng, đầu ra (mọi h_t) của tầng k là đầu vào của tầng k + 1
layers = [rnnlab.GRU(8 if k == 0 else 16, 16) for k in range(3)]
h = x
finals = []
for k, layer in enumerate(layers):
    # lấy trọng số tầng k của mô hình sâu, đổi hậu tố _l{k} thành _l0
    layer.load_state_dict(
        {name.replace(f"_l{k}", "_l0"): p for name, p in deep.state_dict().items() if name.endswith(f"_l{k}")}
    )
    h, h_last = layer(h)  # h: (T, B, 16)
    finals.append(h_last)
out_stack, h_n_stack = h, torch.cat(finals)  # (T, B, H), (3, B, H)
# --8<-- [end:stack]

diff_torch = max((out - out_torch).abs().max().item(), (h_n - h_n_torch).abs().max().item())
diff_stack = max((out_stack - out_torch).abs().max().item(), (h_n_stack - h_n_torch).abs().max().item())
print(
    "Số tham số của mỗi tầng:",
    [sum(p.numel() for n, p in deep.named_parameters() if n.endswith(f"_l{k}")) for k in range(3)],
)
print(
    f"Sai khác lớn nhất so với torch.nn.GRU: rnnlab.GRU(num_layers=3) {number(diff_torch, '.1e')}, xếp chồng bằng tay {number(diff_stack, '.1e')}"
)
max_abs_diff = max(diff_torch, diff_stack)
