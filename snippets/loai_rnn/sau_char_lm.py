"""Mô hình ngôn ngữ mức ký tự cho tiếng Việt: GRU 1, 2 và 3 tầng với số tham số gần bằng nhau."""

import math
import re

import matplotlib.pyplot as plt
import torch
from torch import nn

import rnnlab
from rnnlab.datasets import text
from rnnlab.train import train
from rnnlab.vi import decimal_comma, number

torch.set_num_threads(1)  # mô hình nhỏ: một luồng là đủ, và không tranh CPU khi máy đang bận

# 1. Dữ liệu: kho văn bản tiếng Việt viết riêng cho dự án; 10 % cuối để kiểm định
corpus = text.load_corpus()
vocab = text.CharVocab(corpus)
train_ids, val_ids = text.split(vocab.encode(corpus), val_fraction=0.1)
val_x, val_y = text.sequential_windows(val_ids, seq_len=48)  # (T, B)
print(f"{len(corpus)} ký tự, {len(vocab)} ký tự khác nhau; {len(train_ids)} để huấn luyện, {len(val_ids)} để kiểm định")


# 2. Mô hình: embedding → GRU nhiều tầng → tầng tuyến tính đoán ký tự tiếp theo
class CharLM(nn.Module):
    def __init__(self, vocab_size, hidden_size, num_layers, embed_size=32):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, embed_size)
        self.gru = rnnlab.GRU(embed_size, hidden_size, num_layers=num_layers)
        self.head = nn.Linear(hidden_size, vocab_size)

    def forward(self, x, h=None):
        out, h = self.gru(self.embed(x), h)  # out: (T, B, H) là đầu ra của tầng trên cùng
        return self.head(out), h  # (T, B, V)


def lm_loss(model, batch):
    x, y = batch
    logits, _ = model(x)
    return nn.functional.cross_entropy(logits.flatten(0, 1), y.flatten())


@torch.no_grad()
def val_loss(model):
    return lm_loss(model, (val_x, val_y)).item()  # nat trên mỗi ký tự


@torch.no_grad()
def sample(model, prompt, n_chars, temperature=0.8, seed=0):
    g = torch.Generator().manual_seed(seed)
    logits, h = model(vocab.encode(prompt).unsqueeze(1))  # đọc lời mở đầu, giữ trạng thái ẩn
    out = prompt
    for _ in range(n_chars):
        probs = torch.softmax(logits[-1, 0] / temperature, dim=-1)
        next_id = torch.multinomial(probs, 1, generator=g)
        out += vocab.decode(next_id)
        logits, h = model(next_id.view(1, 1), h)
    return out


# 3. Ba độ sâu, kích thước ẩn chọn sao cho tổng số tham số lệch nhau dưới 10 %
hidden_by_depth = {1: 96, 2: 62, 3: 50}
steps, eval_every = 120, 12
batches = text.random_windows(train_ids, seq_len=48, batch_size=32, n_batches=steps, seed=0)  # cùng dữ liệu cho cả ba
corpus_syllables = set(re.findall(r"\w+", corpus.lower()))
params, curves, final_val, real_syllable_share = {}, {}, {}, {}
for depth, hidden in hidden_by_depth.items():
    torch.manual_seed(0)
    model = CharLM(len(vocab), hidden, depth)
    params[depth] = sum(p.numel() for p in model.parameters())
    curve = []

    def chunk(epoch, model=model, curve=curve):
        # rnnlab.train gọi hàm này ở đầu mỗi epoch: tranh thủ đo mất mát kiểm định tại đó
        curve.append(val_loss(model))
        return batches[(epoch - 1) * eval_every : epoch * eval_every]

    print(f"\n{depth} tầng, H = {hidden}, {params[depth]} tham số")
    train(
        model,
        lm_loss,
        chunk,
        optimizer=torch.optim.Adam(model.parameters(), lr=1e-2),
        epochs=steps // eval_every,
        clip_norm=1.0,
    )
    curve.append(val_loss(model))
    curves[depth], final_val[depth] = curve, curve[-1]
    for k in (0, len(curve) // 2, len(curve) - 1):
        print(
            f"  bước {k * eval_every:3d}: mất mát kiểm định {number(curve[k], '.3f')} nat/ký tự, perplexity {number(math.exp(curve[k]), '.1f')}"
        )
    generated = sample(model, "Buổi sáng ", 2000)  # tỉ lệ dưới đây đo trên 2000 ký tự sinh ra
    syllables = re.findall(r"\w+", generated.lower())[2:]  # bỏ hai âm tiết của lời mở đầu
    real_syllable_share[depth] = sum(s in corpus_syllables for s in syllables) / len(syllables)
    print(f"  Văn bản sinh ra (100 ký tự đầu): {generated[:110]!r}")
    print(f"  {number(real_syllable_share[depth], '.0%')} âm tiết sinh ra có trong kho văn bản")

# 4. Kết quả
val_perplexity = {d: math.exp(v) for d, v in final_val.items()}
best_depth = min(final_val, key=final_val.get)
n_chars, n_train_chars = len(vocab), len(train_ids)
param_spread = max(params.values()) / min(params.values()) - 1
print(
    f"\nSố tham số lệch nhau tối đa {number(param_spread, '.1%')}. Perplexity kiểm định cuối: "
    + ", ".join(f"{d} tầng {number(p, '.2f')}" for d, p in val_perplexity.items())
    + f"; tốt nhất: {best_depth} tầng"
)

fig, ax = plt.subplots(figsize=(7, 4))
for depth, curve in curves.items():
    ax.plot(
        [k * eval_every for k in range(len(curve))],
        [math.exp(v) for v in curve],
        marker="o",
        ms=3,
        label=f"{depth} tầng (H = {hidden_by_depth[depth]}, {params[depth]} tham số)",
    )
ax.set_xlabel("bước cập nhật")
ax.set_ylabel("perplexity trên tập kiểm định")
ax.set_yscale("log")
ax.legend()
ax.grid(alpha=0.3)
ax.set_title("Perplexity kiểm định của GRU 1, 2 và 3 tầng (cùng cỡ tham số)")
fig.tight_layout()
decimal_comma()  # dấu phẩy thập phân trên nhãn trục của mọi hình
plt.show()
