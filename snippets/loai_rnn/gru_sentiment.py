"""Phân tích cảm xúc bằng GRU trên âm tiết, so với RNN cơ bản, LSTM và hồi quy logistic trên túi từ."""

import time

import matplotlib.pyplot as plt
import torch
from torch import nn

import rnnlab
from rnnlab.datasets import sentiment
from rnnlab.train import train
from rnnlab.vi import decimal_comma, number

torch.set_num_threads(1)  # mô hình nhỏ: một luồng là đủ, và không tranh CPU khi máy đang bận

# 1. Dữ liệu: 750 câu, nhãn 0 = tiêu cực, 1 = trung tính, 2 = tích cực; phần train/test cố định trong tệp
train_set, test_set = sentiment.load("train"), sentiment.load("test")
n_train = len(train_set)  # số câu huấn luyện
vocab = sentiment.build_vocab(train_set)  # chỉ lấy âm tiết của tập huấn luyện
X_train, len_train = sentiment.encode(train_set, vocab)  # (B, T), (B,)
X_test, len_test = sentiment.encode(test_set, vocab)
y_train, y_test = sentiment.labels(train_set), sentiment.labels(test_set)
mean_length = len_train.float().mean().item()  # số âm tiết trung bình mỗi câu huấn luyện
print(f"{len(train_set)} câu huấn luyện, {len(test_set)} câu kiểm tra, {len(vocab)} âm tiết trong từ điển")
print(f"Câu huấn luyện dài trung bình {number(mean_length, '.1f')} âm tiết, dài nhất {int(len_train.max())}")


# 2. Mô hình: embedding → GRU → tầng tuyến tính trên trạng thái ẩn ở âm tiết cuối
class GRUClassifier(nn.Module):
    def __init__(self, vocab_size, embed_size=16, hidden_size=32, num_classes=3, layer=rnnlab.GRU):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, embed_size, padding_idx=0)
        self.dropout = nn.Dropout(0.2)
        # layer: rnnlab.GRU; để so sánh, cùng mô hình với rnnlab.RNN hoặc rnnlab.LSTM
        self.gru = layer(embed_size, hidden_size, batch_first=True)
        self.head = nn.Linear(hidden_size, num_classes)

    def forward(self, ids, lengths):
        ids = ids[:, : int(lengths.max())]  # bỏ phần đệm thừa của batch
        out, _ = self.gru(self.dropout(self.embed(ids)))  # (B, T, H)
        # h_t ở âm tiết cuối của mỗi câu (t = độ dài − 1); phần đệm nằm sau nên không ảnh hưởng tới nó
        last = out[torch.arange(len(ids)), lengths - 1]  # (B, H)
        return self.head(last)  # (B, 3)


loss_fn = nn.CrossEntropyLoss()


def gru_loss(model, idx):
    return loss_fn(model(X_train[idx], len_train[idx]), y_train[idx])


# 3. Huấn luyện GRU, và để so sánh RNN cơ bản và LSTM trong cùng mô hình, mỗi loại ba seed
# (tập kiểm tra nhỏ: xem kết quả dao động bao nhiêu); đo thời gian huấn luyện mỗi epoch. Thứ tự chạy xen kẽ
# (seed 0 của cả ba loại, rồi seed 1, ...) để lúc máy bận hay rảnh không dồn vào một loại.
LAYERS = {"gru": ("GRU", rnnlab.GRU), "rnn": ("RNN cơ bản", rnnlab.RNN), "lstm": ("LSTM", rnnlab.LSTM)}
seeds, epochs = (0, 1, 2), 20
preds = {key: [] for key in LAYERS}
n_params, n_recurrent, final_train_loss = {}, {}, []
epoch_seconds = {key: [] for key in LAYERS}
for seed in seeds:
    for key, (name, layer) in LAYERS.items():
        torch.manual_seed(seed)
        model = GRUClassifier(len(vocab), layer=layer)
        start = time.perf_counter()
        history = train(
            model,
            gru_loss,
            lambda epoch: sentiment.minibatches(len(train_set), 32, seed=seed, epoch=epoch),
            optimizer=torch.optim.Adam(model.parameters(), lr=1e-2),
            epochs=epochs,
            clip_norm=1.0,
        )
        epoch_seconds[key].append((time.perf_counter() - start) / epochs)
        print(
            f"{name}, seed {seed}: mất mát huấn luyện "
            + ", ".join(f"epoch {e + 1}: {number(history.epoch_loss[e], '.3f')}" for e in (0, 4, 9, 19))
        )
        if key == "gru":
            final_train_loss.append(history.epoch_loss[-1])
        model.eval()
        with torch.no_grad():
            preds[key].append(model(X_test, len_test).argmax(1))
        n_params[key] = sum(p.numel() for p in model.parameters())
        n_recurrent[key] = sum(p.numel() for p in model.gru.parameters())  # riêng tầng hồi tiếp
gru_preds = preds["gru"]

# 4. Mốc so sánh: hồi quy logistic trên túi từ (đếm âm tiết, bỏ qua thứ tự), huấn luyện trên cả tập một lúc
torch.manual_seed(0)
B_train, B_test = sentiment.bag_of_words(train_set, vocab), sentiment.bag_of_words(test_set, vocab)  # (B, V)
bow = nn.Linear(len(vocab), 3)
train(
    bow,
    lambda m, _: loss_fn(m(B_train), y_train),
    [None],
    optimizer=torch.optim.Adam(bow.parameters(), lr=1e-2, weight_decay=1e-4),
    epochs=300,
    progress=False,
)
with torch.no_grad():
    bow_pred = bow(B_test).argmax(1)

# 5. Đánh giá trên tập kiểm tra: cả tập và từng nhóm câu
subsets = {
    "tất cả": torch.ones(len(test_set), dtype=torch.bool),
    "phủ định": sentiment.has_tag(test_set, "phu_dinh"),
    "tương phản": sentiment.has_tag(test_set, "tuong_phan"),
    "không dấu": sentiment.has_tag(test_set, "khong_dau"),
}
subsets["phủ định hoặc tương phản"] = subsets["phủ định"] | subsets["tương phản"]


def accuracy_on(pred):
    return {name: (pred[mask] == y_test[mask]).float().mean().item() for name, mask in subsets.items()}


gru_runs = [accuracy_on(p) for p in gru_preds]
gru_acc = {name: sum(run[name] for run in gru_runs) / len(seeds) for name in subsets}  # trung bình ba seed
bow_acc = accuracy_on(bow_pred)
print(f"\nĐộ chính xác trên tập kiểm tra ({len(test_set)} câu):")
for name, mask in subsets.items():
    runs = " / ".join(f"{number(run[name], '.1%')}" for run in gru_runs)
    print(
        f"  {name:25s} ({int(mask.sum()):3d} câu): GRU {number(gru_acc[name], '.1%')} (từng seed {runs}), túi từ {number(bow_acc[name], '.1%')}"
    )

# so sánh ba loại tầng hồi tiếp: độ chính xác trung bình ba seed, số tham số, giây mỗi epoch
cells = {
    key: {
        "all": sum(accuracy_on(p)["tất cả"] for p in preds[key]) / len(seeds),
        "hard": sum(accuracy_on(p)["phủ định hoặc tương phản"] for p in preds[key]) / len(seeds),
        "params": n_params[key],
        "recurrent": n_recurrent[key],
        "seconds": min(epoch_seconds[key]),  # nhanh nhất trong ba lần: ít bị việc khác trên máy làm nhiễu nhất
    }
    for key in LAYERS
}
gru_lstm_time_ratio = cells["gru"]["seconds"] / cells["lstm"]["seconds"]  # < 1: GRU nhanh hơn
print("\nBa loại tầng hồi tiếp, cùng mô hình và cùng cách huấn luyện (trung bình 3 seed):")
for key, (name, _) in LAYERS.items():
    c = cells[key]
    print(
        f"  {name:11s} cả tập {number(c['all'], '.1%')}, phủ định hoặc tương phản {number(c['hard'], '.1%')}, "
        f"{c['params']} tham số ({c['recurrent']} ở tầng hồi tiếp), {number(c['seconds'], '.2f')} giây mỗi epoch"
    )
n_test = len(test_set)
accuracy = gru_acc["tất cả"]
accuracy_min = min(run["tất cả"] for run in gru_runs)
accuracy_max = max(run["tất cả"] for run in gru_runs)
bow_accuracy = bow_acc["tất cả"]
gru_hard = gru_acc["phủ định hoặc tương phản"]
bow_hard = bow_acc["phủ định hoặc tương phản"]
n_hard = int(subsets["phủ định hoặc tương phản"].sum())
gru_no_diacritics, bow_no_diacritics = gru_acc["không dấu"], bow_acc["không dấu"]
n_no_diacritics = int(subsets["không dấu"].sum())

# 6. Hình 1: ma trận nhầm lẫn (GRU seed 0 và túi từ); hình 2: độ chính xác theo nhóm câu
confusion = {}
fig, axes = plt.subplots(1, 2, figsize=(9, 4))
for ax, (name, pred) in zip(axes, {"GRU (seed 0)": gru_preds[0], "Túi từ": bow_pred}.items()):
    cm = torch.zeros(3, 3, dtype=torch.long)
    cm.index_put_((y_test, pred), torch.ones_like(pred), accumulate=True)  # hàng: nhãn thật, cột: dự đoán
    confusion[name] = cm.tolist()
    ax.imshow(cm, cmap="Blues")
    for i in range(3):
        for j in range(3):
            ax.text(
                j, i, int(cm[i, j]), ha="center", va="center", color="white" if cm[i, j] > cm.max() / 2 else "black"
            )
    ax.set_xticks(range(3), sentiment.LABELS)
    ax.set_yticks(range(3), sentiment.LABELS)
    ax.set_xlabel("dự đoán")
    ax.set_ylabel("nhãn thật")
    ax.set_title(f"{name}: đúng {number((pred == y_test).float().mean(), '.1%')}")
fig.suptitle("Ma trận nhầm lẫn trên tập kiểm tra")
fig.tight_layout()

fig2, ax = plt.subplots(figsize=(8, 3.8))
names = list(subsets)
xs = torch.arange(len(names)).float()
ax.bar(xs - 0.2, [gru_acc[n] for n in names], 0.4, label="GRU (trung bình 3 seed)")
ax.bar(xs + 0.2, [bow_acc[n] for n in names], 0.4, label="túi từ")
ax.set_xticks(xs, [f"{n}\n({int(subsets[n].sum())} câu)" for n in names], fontsize=8)
ax.set_ylabel("độ chính xác (tập kiểm tra)")
ax.set_ylim(0, 1.15)
ax.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
ax.axhline(1 / 3, color="gray", ls=":", label="đoán bừa (1/3)")
ax.legend(loc="upper center", ncol=3, fontsize=8)
ax.set_title("Độ chính xác của GRU và túi từ theo nhóm câu")
fig2.tight_layout()
decimal_comma()  # dấu phẩy thập phân trên nhãn trục của mọi hình
plt.show()
