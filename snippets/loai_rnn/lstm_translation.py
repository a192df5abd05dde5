"""Dịch máy bằng LSTM: dịch số viết bằng chữ tiếng Anh sang số viết bằng chữ tiếng Việt.

Ví dụ "two thousand and five" thành "hai nghìn không trăm linh năm". Bộ mã hoá–bộ giải mã (chuỗi sang chuỗi)
bằng LSTM, so với đúng mô hình đó nhưng dùng RNN cơ bản, cùng số nút ẩn, cùng dữ liệu, cùng số epoch.
Mỗi mô hình được huấn luyện với ba seed; các con số là trung bình ba seed, kèm khoảng giữa các seed.

Chạy: python snippets/loai_rnn/lstm_translation.py
"""

from statistics import mean

import matplotlib.pyplot as plt
import torch
from torch import nn

import rnnlab
from rnnlab.datasets import number_words
from rnnlab.train import train
from rnnlab.vi import decimal_comma, number

torch.manual_seed(0)
torch.set_num_threads(1)  # mô hình nhỏ: một luồng nhanh hơn hai luồng tranh nhau

HIGH = 10_000  # các số từ 0 đến 9999
HIDDEN = 64  # số nút ẩn, như nhau cho LSTM và RNN cơ bản
EPOCHS = 12
SEEDS = [0, 1, 2]  # ba lần huấn luyện mỗi mô hình: khác khởi tạo và thứ tự batch, cùng dữ liệu
BATCH = 64
CLIP_NORM = 5.0  # cắt gradient theo chuẩn ở ngưỡng 5, như nhau cho hai mô hình
REVERSE_SOURCE = False  # True: đọc câu tiếng Anh từ cuối về đầu (mẹo của Sutskever và cộng sự, 2014)

# 1. Dữ liệu: 2000 số để huấn luyện, 1000 số khác để kiểm tra (mô hình chưa từng thấy các số này)
train_numbers, test_numbers = number_words.split_numbers(HIGH, n_train=2000, n_test=1000, seed=0)
train_pairs = number_words.make_pairs(
    train_numbers
)  # [(["two", "thousand", "and", "five"], ["hai", "nghìn", ...]), ...]
test_pairs = number_words.make_pairs(test_numbers)
src_vocab = number_words.Vocab(src for src, _ in train_pairs)  # token tiếng Anh
tgt_vocab = number_words.Vocab(tgt for _, tgt in train_pairs)  # token tiếng Việt
print(
    f"{len(train_pairs)} cặp huấn luyện, {len(test_pairs)} cặp kiểm tra; "
    f"{len(src_vocab)} token tiếng Anh, {len(tgt_vocab)} token tiếng Việt (kể cả <pad>, <bos>, <eos>, <unk>)"
)


def encode(pair):
    """Một cặp câu thành hai dãy chỉ số: nguồn, và đích <bos> ... <eos> (1 = <bos>, 2 = <eos>)."""
    src, tgt = pair
    src_ids = src_vocab.encode(src[::-1] if REVERSE_SOURCE else src)
    return torch.tensor(src_ids), torch.tensor([1] + tgt_vocab.encode(tgt) + [2])


def make_batch(encoded):
    """Đệm một batch cặp đã mã hoá: nguồn (S, B) và độ dài, đích (T, B); chỉ số 0 là <pad>."""
    src, tgt = zip(*encoded)
    lengths = torch.tensor([len(s) for s in src])
    return nn.utils.rnn.pad_sequence(src), lengths, nn.utils.rnn.pad_sequence(tgt)


train_encoded = [encode(pair) for pair in train_pairs]  # mã hoá một lần, dùng lại ở mọi epoch


# 2. Mô hình: bộ mã hoá đọc câu tiếng Anh thành trạng thái cuối; bộ giải mã bắt đầu từ trạng thái đó
class Translator(nn.Module):
    def __init__(self, layer, embed_size=32, hidden_size=HIDDEN):
        super().__init__()
        self.src_embed = nn.Embedding(len(src_vocab), embed_size, padding_idx=0)
        self.tgt_embed = nn.Embedding(len(tgt_vocab), embed_size, padding_idx=0)
        self.encoder = layer(embed_size, hidden_size)  # rnnlab.LSTM hoặc rnnlab.RNN
        self.decoder = layer(embed_size, hidden_size)
        self.out = nn.Linear(hidden_size, len(tgt_vocab))

    def encode(self, src, lengths):
        # đóng gói để mỗi câu dừng đúng ở từ cuối của nó, không đọc phần đệm
        packed = rnnlab.pack_padded_sequence(self.src_embed(src), lengths, enforce_sorted=False)
        _, state = self.encoder(packed)
        return state  # LSTM: (h, c); RNN: h — "ý nghĩa" của cả câu nguồn

    def forward(self, src, lengths, tgt_in):
        # teacher forcing: khi huấn luyện, bộ giải mã nhận từ đúng ở bước trước làm đầu vào
        out, _ = self.decoder(self.tgt_embed(tgt_in), self.encode(src, lengths))
        return self.out(out)  # (T, B, số token tiếng Việt)

    @torch.no_grad()
    def translate(self, src, lengths, max_len=12):
        """Giải mã tham lam: mỗi bước lấy từ có xác suất cao nhất làm đầu vào bước sau."""
        state = self.encode(src, lengths)
        token = torch.full((1, src.shape[1]), 1)  # <bos>
        outputs = []
        for _ in range(max_len):
            out, state = self.decoder(self.tgt_embed(token), state)
            token = self.out(out).argmax(-1)  # (1, B)
            outputs.append(token)
        return torch.cat(outputs).t()  # (B, max_len)


def loss_fn(model, batch):
    src, lengths, tgt = batch
    logits = model(src, lengths, tgt[:-1])  # đoán từ t+1 từ các từ ≤ t
    return nn.functional.cross_entropy(logits.flatten(0, 1), tgt[1:].flatten(), ignore_index=0)


test_src, test_lengths, _ = make_batch(map(encode, test_pairs))


def evaluate(model):
    """Các câu dịch của tập kiểm tra và danh sách đúng/sai (khớp hoàn toàn từng từ)."""
    model.eval()
    guesses = [tgt_vocab.decode(ids) for ids in model.translate(test_src, test_lengths).tolist()]
    return guesses, [g == tgt for g, (_, tgt) in zip(guesses, test_pairs)]


# 3. Huấn luyện hai mô hình giống hệt nhau, chỉ khác loại tầng hồi tiếp, mỗi mô hình với ba seed (khác khởi
# tạo trọng số và thứ tự batch, cùng dữ liệu). Chạy xen kẽ: seed 0 của cả hai, rồi seed 1, ...
def fit(layer, seed):
    torch.manual_seed(seed)
    model = Translator(layer)
    generator = torch.Generator().manual_seed(seed)

    def batches(epoch):  # mỗi epoch xáo trộn lại
        order = torch.randperm(len(train_pairs), generator=generator).tolist()
        return [make_batch([train_encoded[i] for i in order[k : k + BATCH]]) for k in range(0, len(order), BATCH)]

    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    history = train(model, loss_fn, batches, optimizer=optimizer, epochs=EPOCHS, clip_norm=CLIP_NORM, progress=False)
    return model, history.epoch_loss


# gradient về được tới đâu trong bộ mã hoá: ‖∂L/∂h_s‖ ở từng token nguồn s = 1..7, trên mọi câu kiểm tra dài
# 7 token (cùng độ dài nên không cần đệm); L là mất mát của bộ giải mã, như khi huấn luyện
flow_src, _, flow_tgt = make_batch(encode(pair) for pair in test_pairs if len(pair[0]) == 7)


def encoder_flow(model):
    def decoder_loss(output, state):
        out, _ = model.decoder(model.tgt_embed(flow_tgt[:-1]), state)
        return nn.functional.cross_entropy(model.out(out).flatten(0, 1), flow_tgt[1:].flatten(), ignore_index=0)

    norms = rnnlab.hidden_grad_norms(model.encoder, model.src_embed(flow_src), decoder_loss)["l0"]  # (7,)
    return (norms / norms[-1]).tolist()  # chia cho ‖∂L/∂h_7‖


LAYERS = {"LSTM": rnnlab.LSTM, "RNN cơ bản": rnnlab.RNN}
runs = {name: [] for name in LAYERS}  # runs[tên][k]: kết quả của seed SEEDS[k]
for seed in SEEDS:
    for name, layer in LAYERS.items():
        model, loss = fit(layer, seed)
        guesses, correct = evaluate(model)
        runs[name].append({"loss": loss, "guesses": guesses, "correct": correct, "encoder_flow": encoder_flow(model)})
        print(
            f"{name}, seed {seed}: mất mát huấn luyện "
            + ", ".join(f"epoch {e}: {number(loss[e - 1], '.4f')}" for e in (1, EPOCHS // 2, EPOCHS))
        )


# 4. Độ chính xác khớp hoàn toàn (trung bình ba seed), và theo độ dài câu nguồn (số token tiếng Anh)
def low_high(values):
    """Khoảng giữa các seed: [nhỏ nhất, lớn nhất]."""
    return [min(values), max(values)]


accuracy_runs = {name: [sum(r["correct"]) / len(test_pairs) for r in rs] for name, rs in runs.items()}
accuracy = {name: mean(v) for name, v in accuracy_runs.items()}
accuracy_lstm, accuracy_rnn = accuracy["LSTM"], accuracy["RNN cơ bản"]
accuracy_lstm_range = low_high(accuracy_runs["LSTM"])
accuracy_rnn_range = low_high(accuracy_runs["RNN cơ bản"])
for name, value in accuracy.items():
    seeds = " / ".join(number(a, ".1%") for a in accuracy_runs[name])
    print(
        f"Độ chính xác (khớp hoàn toàn) của {name} trên {len(test_pairs)} số chưa thấy, trung bình {len(SEEDS)} seed: "
        f"{number(value, '.1%')} (từng seed {seeds})"
    )

lengths = sorted({len(src) for src, _ in test_pairs})
count_by_length = {n: sum(len(src) == n for src, _ in test_pairs) for n in lengths}


def by_length(correct, n):
    return sum(ok for ok, (src, _) in zip(correct, test_pairs) if len(src) == n) / count_by_length[n]


accuracy_by_length_runs = {
    name: {n: [by_length(r["correct"], n) for r in rs] for n in lengths} for name, rs in runs.items()
}
accuracy_by_length = {name: {n: mean(v) for n, v in d.items()} for name, d in accuracy_by_length_runs.items()}
longest = lengths[-1]  # câu dài nhất: 7 token, ví dụ "nine thousand nine hundred and ninety nine"
accuracy_long_lstm = accuracy_by_length["LSTM"][longest]
accuracy_long_rnn = accuracy_by_length["RNN cơ bản"][longest]
print(f"Theo độ dài câu nguồn, trung bình {len(SEEDS)} seed:")
print("Độ dài câu nguồn:", "  ".join(f"{n:>5d}" for n in lengths))
print("Số câu kiểm tra: ", "  ".join(f"{count_by_length[n]:>5d}" for n in lengths))
for name in runs:
    print(f"{name:<16s}", "  ".join(f"{number(accuracy_by_length[name][n], '>5.0%')}" for n in lengths))

# Độ chính xác theo vị trí j của từ tiếng Việt (từ thứ j của bản dịch đúng ở đúng chỗ thứ j), trên các
# câu có ít nhất j từ: từ thứ j cách trạng thái cuối của bộ mã hoá j bước của bộ giải mã
tgt_lengths = [len(tgt) for _, tgt in test_pairs]
positions = [j for j in range(1, max(tgt_lengths) + 1) if sum(n >= j for n in tgt_lengths) >= 50]


def at_position(guesses, j):
    hits = sum(len(g) >= j and g[j - 1] == tgt[j - 1] for g, (_, tgt) in zip(guesses, test_pairs) if len(tgt) >= j)
    return hits / sum(n >= j for n in tgt_lengths)


position_accuracy_runs = {
    name: {j: [at_position(r["guesses"], j) for r in rs] for j in positions} for name, rs in runs.items()
}
position_accuracy = {name: {j: mean(v) for j, v in d.items()} for name, d in position_accuracy_runs.items()}
rnn_position_accuracy = position_accuracy["RNN cơ bản"]
rnn_first_word_range = low_high(position_accuracy_runs["RNN cơ bản"][1])
print(f"Vị trí từ tiếng Việt, trung bình {len(SEEDS)} seed (nhỏ nhất–lớn nhất giữa các seed):")
for name in runs:
    print(f"  {name}:")
    for j in positions:
        low, high = low_high(position_accuracy_runs[name][j])
        print(f"    từ thứ {j}: {position_accuracy[name][j]:>4.0%} ({low:.0%}–{high:.0%})")

# ‖∂L/∂h_1‖ / ‖∂L/∂h_7‖: phần gradient về được tới từ tiếng Anh đầu tiên của câu 7 token
first_word_flow_runs = {name: [r["encoder_flow"][0] for r in rs] for name, rs in runs.items()}
first_word_flow_lstm = mean(first_word_flow_runs["LSTM"])
first_word_flow_rnn = mean(first_word_flow_runs["RNN cơ bản"])
first_word_flow_lstm_range = low_high(first_word_flow_runs["LSTM"])
first_word_flow_rnn_range = low_high(first_word_flow_runs["RNN cơ bản"])
print("‖∂L/∂h_s‖ / ‖∂L/∂h_7‖ trong bộ mã hoá, câu nguồn 7 token, s = 1..7, từng seed:")
for name, rs in runs.items():
    for seed, r in zip(SEEDS, rs):
        print(f"  {name:<11s} seed {seed}", "  ".join(number(x, ".1e") for x in r["encoder_flow"]))

# Vài câu dịch mẫu (seed 0), từ ngắn đến dài
print("\nVài câu dịch mẫu của seed 0 (✓ đúng hoàn toàn, ✗ sai):")
shown = [next(i for i, (s, _) in enumerate(test_pairs) if len(s) == n) for n in lengths]
for i in shown:
    print(f"  {test_numbers[i]:>5d}  {' '.join(test_pairs[i][0])}")
    for name, rs in runs.items():
        mark = "✓" if rs[0]["correct"][i] else "✗"
        print(f"         {mark} {name:<11s} {' '.join(rs[0]['guesses'][i])}")


# Các hình: đường là trung bình ba seed, dải mờ là khoảng nhỏ nhất–lớn nhất giữa các seed
STYLES = {"LSTM": "C0o-", "RNN cơ bản": "C3s-"}
SPREAD = "dải mờ: từ seed thấp nhất đến seed cao nhất"


def plot_seeds(ax, xs, per_seed, name):
    """per_seed[k]: danh sách ba giá trị (một mỗi seed) ở hoành độ xs[k]."""
    ax.plot(xs, [mean(v) for v in per_seed], STYLES[name], label=f"{name} (trung bình {len(SEEDS)} seed)")
    ax.fill_between(xs, [min(v) for v in per_seed], [max(v) for v in per_seed], color=STYLES[name][:2], alpha=0.2)


# Hình 1: độ chính xác theo độ dài câu nguồn
fig, ax = plt.subplots(figsize=(7, 3.8))
for name in runs:
    plot_seeds(ax, lengths, [accuracy_by_length_runs[name][n] for n in lengths], name)
for n in lengths:
    ax.annotate(f"{count_by_length[n]} câu", (n, 1.02), ha="center", fontsize=7, color="0.4")
ax.set_ylim(-0.03, 1.1)
ax.set_xticks(lengths)
ax.set_xlabel("độ dài câu tiếng Anh (số token)")
ax.set_ylabel("độ chính xác (khớp hoàn toàn)")
ax.set_title(f"Dịch số 0–{HIGH - 1} sang tiếng Việt: độ chính xác theo độ dài câu")
ax.legend(loc="center right", title=SPREAD, fontsize=8, title_fontsize=8)

# Hình 2: mất mát huấn luyện theo epoch
fig, ax = plt.subplots(figsize=(7, 3.2))
for name, rs in runs.items():
    plot_seeds(ax, range(1, EPOCHS + 1), [[r["loss"][e] for r in rs] for e in range(EPOCHS)], name)
ax.set_yscale("log")
ax.set_xlabel("epoch")
ax.set_ylabel("mất mát (entropy chéo)")
ax.set_title("Mất mát huấn luyện của hai bộ mã hoá–bộ giải mã cùng kích thước")
ax.legend(title=SPREAD, fontsize=8, title_fontsize=8)

# Hình 3: trái, độ chính xác theo vị trí từ tiếng Việt; phải, gradient về tới từng token nguồn (câu 7 token)
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.4))
for name, rs in runs.items():
    plot_seeds(ax1, positions, [position_accuracy_runs[name][j] for j in positions], name)
    plot_seeds(ax2, range(1, 8), [[r["encoder_flow"][s] for r in rs] for s in range(7)], name)
ax1.set_ylim(-0.03, 1.05)
ax1.set_xlabel("vị trí j của từ trong bản dịch tiếng Việt")
ax1.set_ylabel("tỉ lệ từ thứ j đúng")
ax1.legend(title=SPREAD, fontsize=8, title_fontsize=8)
ax2.set_yscale("log")
ax2.set_xlabel("vị trí s của token trong câu tiếng Anh (7 token)")
ax2.set_ylabel(r"$\|\partial L/\partial h_s\| \,/\, \|\partial L/\partial h_7\|$")
ax2.set_ylim(0.1, 10)
fig.suptitle("Sai ở đâu: theo vị trí từ tiếng Việt, và gradient trong bộ mã hoá")
fig.tight_layout()

decimal_comma()  # dấu phẩy thập phân trên nhãn trục của mọi hình
plt.show()
