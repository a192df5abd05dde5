"""Gán nhãn từng khung của chuỗi "âm thanh" tổng hợp: RNN một chiều so với RNN hai chiều.

Mô hình rút gọn của nhận dạng giọng nói, không phải tiếng nói thật: nhãn của khung t là âm của khung
t + 3, nên muốn đúng phải "nghe" cả phần phía sau (xem rnnlab/datasets/framewise.py).

Chạy: python snippets/loai_rnn/hai_chieu_speech.py
"""

import matplotlib.pyplot as plt
import torch
from torch import nn

import rnnlab
from rnnlab.datasets.framewise import IGNORE, make_framewise
from rnnlab.train import train
from rnnlab.vi import decimal_comma, number

torch.manual_seed(0)
torch.set_num_threads(1)  # mô hình nhỏ: một luồng nhanh hơn hai luồng tranh nhau

N_CLASSES = 5  # số "âm" khác nhau
SHIFT = 3  # nhãn của khung t là âm của khung t + 3
HIDDEN = 32  # số nút ẩn ở đầu ra của tầng hồi tiếp, như nhau cho hai mô hình
EPOCHS = 20

# 1. Dữ liệu: 512 chuỗi huấn luyện, 256 chuỗi kiểm tra, mỗi chuỗi 30 khung × 8 đặc trưng
train_set = make_framewise(512, length=30, n_classes=N_CLASSES, n_features=8, shift=SHIFT, seed=0)
test_set = make_framewise(
    256, length=30, n_classes=N_CLASSES, n_features=8, shift=SHIFT, seed=1, prototypes=train_set.prototypes
)  # cùng "bảng âm", chuỗi khác
print(
    f"x: {tuple(train_set.x.shape)} (T, B, I), y: {tuple(train_set.y.shape)} (T, B); {SHIFT} khung cuối không có nhãn"
)


# 2. Mô hình: tầng hồi tiếp, rồi một tầng tuyến tính ở MỖI khung
class FrameTagger(nn.Module):
    def __init__(self, bidirectional):
        super().__init__()
        # hai chiều: 16 nút xuôi + 16 nút ngược = 32, bằng đúng 32 nút của mô hình một chiều
        hidden = HIDDEN // 2 if bidirectional else HIDDEN
        self.rnn = rnnlab.RNN(input_size=8, hidden_size=hidden, bidirectional=bidirectional)
        self.head = nn.Linear(HIDDEN, N_CLASSES)

    def forward(self, x):  # x: (T, B, I)
        out, _ = self.rnn(x)  # (T, B, 32)
        return self.head(out)  # (T, B, C): điểm của từng âm ở từng khung


def loss_fn(model, batch):
    x, y = batch
    return nn.functional.cross_entropy(model(x).flatten(0, 1), y.flatten(), ignore_index=IGNORE)


@torch.no_grad()
def frame_accuracy(model, data):
    """Tỉ lệ khung (có nhãn) được gán đúng."""
    guess = model(data.x).argmax(-1)
    labelled = data.y != IGNORE
    return (guess[labelled] == data.y[labelled]).float().mean().item()


batches = [(train_set.x[:, k : k + 64], train_set.y[:, k : k + 64]) for k in range(0, 512, 64)]

# 3. Huấn luyện hai mô hình giống hệt nhau trừ một tham số bidirectional, đo độ chính xác sau mỗi epoch
curves, models = {}, {}
for name, bidirectional in (("một chiều", False), ("hai chiều", True)):
    torch.manual_seed(0)
    model = FrameTagger(bidirectional)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    n_params = sum(p.numel() for p in model.parameters())
    print(f"--- RNN {name}: {n_params} tham số ---")
    curves[name] = []

    def after_epoch(epoch, history):  # rnnlab.train gọi hàm này sau mỗi epoch
        curves[name].append(frame_accuracy(model, test_set))
        if epoch in (1, 5, 10, EPOCHS):
            print(
                f"epoch {epoch:2d}: mất mát {number(history.epoch_loss[-1], '.3f')}, "
                f"độ chính xác từng khung (kiểm tra) {number(curves[name][-1], '.1%')}"
            )

    train(model, loss_fn, batches, optimizer=optimizer, epochs=EPOCHS, progress=False, on_epoch=after_epoch)
    models[name] = model

accuracy_uni, accuracy_bi = curves["một chiều"][-1], curves["hai chiều"][-1]
chance = 1 / N_CLASSES
print(
    f"Đoán mò: {number(chance, '.0%')}. RNN một chiều: {number(accuracy_uni, '.1%')}. RNN hai chiều: {number(accuracy_bi, '.1%')}."
)

# Hình 1: độ chính xác từng khung trên tập kiểm tra theo epoch
fig, ax = plt.subplots(figsize=(7, 3.6))
epochs = range(1, EPOCHS + 1)
ax.plot(epochs, curves["hai chiều"], "C0o-", ms=4, label="RNN hai chiều (16 + 16 nút)")
ax.plot(epochs, curves["một chiều"], "C3s-", ms=4, label="RNN một chiều (32 nút)")
ax.axhline(chance, color="0.5", ls="--", lw=1, label=f"đoán mò (1/{N_CLASSES})")
ax.set_ylim(0, 1.02)
ax.set_xticks(range(0, EPOCHS + 1, 5))
ax.set_xlabel("epoch")
ax.set_ylabel("độ chính xác từng khung")
ax.set_title(f"Nhãn của khung t là âm của khung t + {SHIFT}: một chiều so với hai chiều")
ax.legend(fontsize=8, loc="center right")

# Hình 2: một chuỗi kiểm tra, nhãn đúng và nhãn hai mô hình đoán ở từng khung
frames = torch.arange(30 - SHIFT)
fig, ax = plt.subplots(figsize=(8, 2.8))
ax.step(frames, test_set.y[: 30 - SHIFT, 0], "k-", where="mid", lw=2, label="nhãn đúng")
with torch.no_grad():
    for (name, model), style in zip(models.items(), ("C3s", "C0o")):
        guess = model(test_set.x[:, :1]).argmax(-1)[: 30 - SHIFT, 0]
        ax.plot(frames, guess, style, ms=5, alpha=0.8, label=f"RNN {name} đoán")
ax.set_yticks(range(N_CLASSES))
ax.set_xlabel("khung t")
ax.set_ylabel("âm")
ax.set_title("Một chuỗi kiểm tra: nhãn đúng và nhãn đoán ở từng khung")
ax.legend(fontsize=8, ncol=3, loc="lower center", bbox_to_anchor=(0.5, -0.48))
decimal_comma()  # dấu phẩy thập phân trên nhãn trục của mọi hình
plt.show()
