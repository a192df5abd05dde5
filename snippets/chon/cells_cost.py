"""Giá của ba loại ô trong rnnlab: số tham số và thời gian một bước thời gian (lượt xuôi + lượt ngược)."""

import time

import torch

import rnnlab
from rnnlab.vi import number

torch.set_num_threads(1)
torch.manual_seed(0)

I, H, T, B = 32, 64, 50, 32  # đầu vào, số nút ẩn, số bước, số chuỗi
LAYERS = {"rnn": rnnlab.RNN, "lstm": rnnlab.LSTM, "gru": rnnlab.GRU}
x = torch.randn(T, B, I)

params, ms_per_step = {}, {}
for key, layer in LAYERS.items():
    model = layer(I, H)
    params[key] = sum(p.numel() for p in model.parameters())  # (số khối) × (H·I + H·H + 2H)
    timings = []
    for _ in range(5):  # lấy lần nhanh nhất trong 5: ít bị việc khác trên máy làm nhiễu nhất
        start = time.perf_counter()
        model(x)[0].sum().backward()
        timings.append(time.perf_counter() - start)
    ms_per_step[key] = 1000 * min(timings) / T

for key in LAYERS:
    print(f"{key:5s} {params[key]:6d} tham số, {number(ms_per_step[key], '.3f')} ms mỗi bước thời gian (xuôi + ngược)")
