"""Gán nhãn từng khung của chuỗi "âm thanh" tổng hợp: RNN một chiều, một chiều có trễ, và hai chiều.

Mô hình rút gọn của nhận dạng giọng nói, không phải tiếng nói thật, với hai bài:
- bài 1: nhãn của khung t là âm của khung t + 3 (rnnlab/datasets/framewise.py): chỉ phía sau có ích;
- bài 2: mỗi âm kéo dài 2–6 khung, nhiễu lớn, nhãn là âm của chính khung đó
  (rnnlab/datasets/segments.py): nên gom bằng chứng ở cả hai phía.

Chạy: python snippets/loai_rnn/hai_chieu_speech.py
"""

import matplotlib.pyplot as plt
import torch
from torch import nn

import rnnlab
from rnnlab.datasets.framewise import IGNORE, make_framewise
from rnnlab.datasets.segments import make_segments
from rnnlab.train import train
from rnnlab.vi import decimal_comma, number

torch.set_num_threads(1)  # mô hình nhỏ: một luồng nhanh hơn hai luồng tranh nhau

N_CLASSES = 5  # số "âm" khác nhau
SHIFT = 3  # bài 1: nhãn của khung t là âm của khung t + 3
DELAY = 3  # RNN một chiều có trễ: trả lời cho khung t sau khi đã đọc tới khung t + 3
HIDDEN = 32  # số nút ẩn ở đầu ra của tầng hồi tiếp, như nhau cho mọi mô hình
EPOCHS = 20
SEEDS = [0, 1, 2]

# 1. Dữ liệu: mỗi bài 512 chuỗi huấn luyện và 256 chuỗi kiểm tra (cùng "bảng âm"), 30 khung × 8 đặc trưng
train_1 = make_framewise(512, length=30, n_classes=N_CLASSES, shift=SHIFT, seed=0)
test_1 = make_framewise(256, length=30, n_classes=N_CLASSES, shift=SHIFT, seed=1, prototypes=train_1.prototypes)
train_2 = make_segments(512, length=30, n_classes=N_CLASSES, min_run=2, max_run=6, noise=1.5, seed=0)
test_2 = make_segments(
    256, length=30, n_classes=N_CLASSES, min_run=2, max_run=6, noise=1.5, seed=1, prototypes=train_2.prototypes
)
TASKS = {"1": (train_1, test_1), "2": (train_2, test_2)}
TASK_NAMES = {"1": "bài 1: nhãn ở khung t + 3", "2": "bài 2: âm kéo dài, nhiễu lớn"}


# 2. Mô hình: tầng hồi tiếp, rồi một tầng tuyến tính ở MỖI khung
class FrameTagger(nn.Module):
    def __init__(self, bidirectional, delay=0):
        super().__init__()
        # hai chiều: 16 nút xuôi + 16 nút ngược = 32, bằng đúng 32 nút của mô hình một chiều
        hidden = HIDDEN // 2 if bidirectional else HIDDEN
        self.rnn = rnnlab.RNN(input_size=8, hidden_size=hidden, bidirectional=bidirectional)
        self.head = nn.Linear(HIDDEN, N_CLASSES)
        self.delay = delay

    def forward(self, x):  # x: (T, B, I)
        # trễ d khung (Schuster và Paliwal, 1997): đọc thêm d khung 0 ở cuối, nhãn của khung t lấy ở bước t + d
        x = torch.cat([x, x.new_zeros(self.delay, *x.shape[1:])])  # (T + d, B, I)
        out, _ = self.rnn(x)  # (T + d, B, 32)
        return self.head(out[self.delay :])  # (T, B, C): điểm của từng âm ở từng khung


# khoá: (tên in ra, hai chiều?, số khung trễ)
MODELS = {
    "uni": ("một chiều", False, 0),
    "delayed": (f"một chiều, trễ {DELAY}", False, DELAY),
    "bi": ("hai chiều", True, 0),
}


def loss_fn(model, batch):
    x, y = batch
    return nn.functional.cross_entropy(model(x).flatten(0, 1), y.flatten(), ignore_index=IGNORE)


@torch.no_grad()
def frame_accuracy(model, data):
    """Tỉ lệ khung (có nhãn) được gán đúng."""
    guess = model(data.x).argmax(-1)
    labelled = data.y != IGNORE
    return (guess[labelled] == data.y[labelled]).float().mean().item()


# 3. Huấn luyện: mỗi bài × mỗi mô hình × mỗi seed, cùng dữ liệu, cùng số epoch
accuracy_by_key, n_params = {}, {}
for task, (train_set, test_set) in TASKS.items():
    batches = [(train_set.x[:, k : k + 64], train_set.y[:, k : k + 64]) for k in range(0, 512, 64)]
    for key, (_, bidirectional, delay) in MODELS.items():
        accuracy_by_key[f"{task}_{key}"] = []  # khoá "1_uni", "2_bi", ...
        for seed in SEEDS:
            torch.manual_seed(seed)
            model = FrameTagger(bidirectional, delay)
            optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
            train(model, loss_fn, batches, optimizer=optimizer, epochs=EPOCHS, progress=False)
            accuracy_by_key[f"{task}_{key}"].append(frame_accuracy(model, test_set))
        n_params[key] = sum(p.numel() for p in model.parameters())

chance = 1 / N_CLASSES
mean_accuracy = {k: sum(v) / len(v) for k, v in accuracy_by_key.items()}  # trung bình ba seed
print(f"Độ chính xác từng khung trên tập kiểm tra, trung bình {len(SEEDS)} seed (đoán mò: {number(chance, '.0%')}):")
for task in TASKS:
    print(f"  {TASK_NAMES[task]}")
    for key, (name, _, _) in MODELS.items():
        seeds = " / ".join(number(a, ".1%") for a in accuracy_by_key[f"{task}_{key}"])
        print(f"    {name:17s} ({n_params[key]} tham số): {number(mean_accuracy[task + '_' + key], '.1%')}  ({seeds})")

# Hình: cột = trung bình ba seed, chấm = từng seed
fig, ax = plt.subplots(figsize=(8, 3.8))
width = 0.26
for k, ((key, (name, _, _)), color) in enumerate(zip(MODELS.items(), ("C3", "C1", "C0"))):
    xs = [i + (k - 1) * width for i in range(len(TASKS))]
    ax.bar(xs, [mean_accuracy[f"{task}_{key}"] for task in TASKS], width, color=color, alpha=0.8, label=name)
    for x, task in zip(xs, TASKS):
        ax.plot([x] * len(SEEDS), accuracy_by_key[f"{task}_{key}"], "k.", ms=4)
ax.axhline(chance, color="0.5", ls="--", lw=1, label=f"đoán mò (1/{N_CLASSES})")
ax.set_xticks(range(len(TASKS)), list(TASK_NAMES.values()))
ax.set_ylim(0, 1.05)
ax.set_ylabel("độ chính xác từng khung")
ax.set_title("RNN một chiều, một chiều có trễ, và hai chiều trên hai bài gán nhãn khung")
ax.legend(fontsize=8, loc="lower right")
decimal_comma()  # dấu phẩy thập phân trên nhãn trục của mọi hình
plt.show()
