"""Mỗi tầng một mức trừu tượng? Dò tuyến tính (linear probe) trên trạng thái ẩn của từng tầng một GRU 3 tầng.

Huấn luyện một mô hình ngôn ngữ mức ký tự GRU 3 tầng (ba seed), rồi đóng băng nó và hỏi: từ trạng thái
ẩn của tầng k (tầng 0 là embedding của ký tự đang đọc), một bộ phân loại TUYẾN TÍNH đoán được tới đâu
- mục tiêu mức thấp: ký tự tiếp theo có phải dấu cách (âm tiết đang đọc sắp hết)?
- mục tiêu mức cao hơn: đây là âm tiết thứ mấy kể từ dấu câu gần nhất (0, 1, ..., 6, từ 7 trở lên)?
Bộ dò học trên văn bản huấn luyện, được đo trên văn bản kiểm định.
"""

import re

import matplotlib.pyplot as plt
import torch
from torch import nn

import rnnlab
from rnnlab.datasets import text
from rnnlab.train import train
from rnnlab.vi import decimal_comma, number

torch.set_num_threads(1)  # mô hình nhỏ: một luồng là đủ

corpus = text.load_corpus()
vocab = text.CharVocab(corpus)
ids = vocab.encode(corpus)
train_ids, val_ids = text.split(ids, val_fraction=0.1)

# nhãn cho từng ký tự của văn bản: ký tự sau nó có phải dấu cách; số âm tiết từ dấu câu gần nhất (tối đa 7)
next_is_space = torch.tensor([corpus[i + 1] == " " if i + 1 < len(corpus) else False for i in range(len(corpus))])
syllable_index, count = [], 0
for ch in corpus:
    if re.match(r"[.,;:!?\n]", ch):
        count = 0
    elif ch == " ":
        count += 1
    syllable_index.append(min(count, 7))
syllable_index = torch.tensor(syllable_index)
TARGETS = {"space": (next_is_space.long(), 2), "syllable": (syllable_index, 8)}


# mô hình: embedding → ba tầng GRU xếp chồng (mỗi tầng một rnnlab.GRU để đọc được đầu ra của từng tầng) → đầu ra
class StackedCharLM(nn.Module):
    def __init__(self, vocab_size, hidden_size=50, num_layers=3, embed_size=32):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, embed_size)
        sizes = [embed_size] + [hidden_size] * num_layers
        self.layers = nn.ModuleList(rnnlab.GRU(a, b) for a, b in zip(sizes, sizes[1:]))
        self.head = nn.Linear(hidden_size, vocab_size)

    def states(self, x):
        """Danh sách [embedding, đầu ra tầng 1, tầng 2, tầng 3], mỗi cái (T, B, ·)."""
        out = [self.embed(x)]
        for layer in self.layers:
            out.append(layer(out[-1])[0])
        return out

    def forward(self, x):
        return self.head(self.states(x)[-1])  # (T, B, V)


def lm_loss(model, batch):
    x, y = batch
    return nn.functional.cross_entropy(model(x).flatten(0, 1), y.flatten())


def windows(start, stop):
    """Các đoạn 48 ký tự liền nhau của corpus[start:stop]: chỉ số ký tự (T, B) và nhãn của mọi mục tiêu."""
    x, _ = text.sequential_windows(ids[start:stop], seq_len=48)
    labels = {name: text.sequential_windows(lab[start:stop], seq_len=48)[0] for name, (lab, _) in TARGETS.items()}
    return x, labels


def probe_accuracy(train_feats, train_labels, val_feats, val_labels, n_classes, ridge=1e-2):
    """Bộ dò tuyến tính: hồi quy ridge lên mã one-hot (nghiệm đóng), đoán lớp có điểm cao nhất."""
    mean, std = train_feats.mean(0), train_feats.std(0) + 1e-6
    A = torch.cat([(train_feats - mean) / std, torch.ones(len(train_feats), 1)], 1)  # (N, D + 1)
    Y = nn.functional.one_hot(train_labels, n_classes).float()  # (N, C)
    W = torch.linalg.solve(A.T @ A + ridge * len(A) * torch.eye(A.shape[1]), A.T @ Y)  # (D + 1, C)
    B = torch.cat([(val_feats - mean) / std, torch.ones(len(val_feats), 1)], 1)
    return ((B @ W).argmax(1) == val_labels).float().mean().item()


x_train, lab_train = windows(0, len(train_ids))
x_val, lab_val = windows(len(train_ids), len(ids))
SEEDS, STEPS = [0, 1, 2], 120
# độ chính xác của bộ dò: accuracy[mục tiêu][tầng] = danh sách theo seed; tầng 0 = embedding
accuracy = {name: {k: [] for k in range(4)} for name in TARGETS}
val_loss = []
for seed in SEEDS:
    torch.manual_seed(seed)
    model = StackedCharLM(len(vocab))
    batches = text.random_windows(train_ids, seq_len=48, batch_size=32, n_batches=STEPS, seed=seed)
    train(
        model, lm_loss, batches, optimizer=torch.optim.Adam(model.parameters(), lr=1e-2), clip_norm=1.0, progress=False
    )
    with torch.no_grad():
        val_loss.append(lm_loss(model, (x_val, text.sequential_windows(ids[len(train_ids) :], 48)[1])).item())
        feats_train = [s.flatten(0, 1) for s in model.states(x_train)]  # mỗi tầng (N, D)
        feats_val = [s.flatten(0, 1) for s in model.states(x_val)]
    for name, (_, n_classes) in TARGETS.items():
        for k in range(4):
            acc = probe_accuracy(
                feats_train[k], lab_train[name].flatten(), feats_val[k], lab_val[name].flatten(), n_classes
            )
            accuracy[name][k].append(acc)

# mốc: luôn đoán lớp hay gặp nhất (trên văn bản huấn luyện)
majority = {
    name: (lab_val[name].flatten() == lab_train[name].flatten().mode().values).float().mean().item() for name in TARGETS
}
mean_accuracy = {name: [sum(v) / len(v) for v in accuracy[name].values()] for name in TARGETS}  # theo tầng 0..3
print(
    f"Mô hình ngôn ngữ GRU 3 tầng (H = 50), {STEPS} bước, mất mát kiểm định theo seed: "
    + ", ".join(number(v, ".3f") for v in val_loss)
)
names = {"space": "ký tự tiếp theo là dấu cách", "syllable": "âm tiết thứ mấy từ dấu câu"}
for name in TARGETS:
    print(f"Bộ dò '{names[name]}' (luôn đoán lớp hay gặp nhất: {number(majority[name], '.1%')}):")
    for k in range(4):
        layer = "embedding" if k == 0 else f"tầng {k}"
        seeds = " / ".join(number(a, ".1%") for a in accuracy[name][k])
        print(f"  {layer:10s} {number(mean_accuracy[name][k], '.1%')}  ({seeds})")

fig, axes = plt.subplots(1, 2, figsize=(10, 3.6))
for ax, name in zip(axes, TARGETS):
    for k in range(4):
        ax.plot([k] * len(SEEDS), accuracy[name][k], "k.", ms=5)
    ax.plot(range(4), mean_accuracy[name], "C0o-", label="trung bình ba seed")
    ax.axhline(majority[name], color="0.5", ls="--", lw=1, label="luôn đoán lớp hay gặp nhất")
    ax.set_xticks(range(4), ["embedding", "tầng 1", "tầng 2", "tầng 3"])
    ax.set_title(names[name])
    ax.set_ylabel("độ chính xác của bộ dò (kiểm định)")
    ax.legend(fontsize=8)
fig.suptitle("Dò tuyến tính trên trạng thái từng tầng của GRU 3 tầng")
fig.tight_layout()
decimal_comma()  # dấu phẩy thập phân trên nhãn trục của mọi hình
plt.show()
