"""Giá mô phỏng có cài sẵn một trí nhớ: lợi suất hôm nay phụ thuộc lợi suất của k ngày trước.

Với k = 3 (phụ thuộc ngắn) và k = 20 (phụ thuộc dài, vẫn nằm trong cửa sổ 30 ngày), so RNN cơ bản với
GRU cùng 16 nút ẩn, ba seed mỗi mô hình: RMSE so với cách đoán "giá mai = giá hôm nay", và độ nhạy
của dự đoán với từng ngày trong cửa sổ.

Chạy: python snippets/loai_rnn/vanilla_rnn_stock_lag.py
"""

import matplotlib.pyplot as plt
import torch
from torch import nn

import rnnlab
from rnnlab.datasets import stocks
from rnnlab.train import train
from rnnlab.vi import decimal_comma, number

torch.set_num_threads(1)  # mô hình rất nhỏ: một luồng nhanh hơn hai luồng tranh nhau

LAGS = [3, 20]  # k: lợi suất hôm nay phụ thuộc lợi suất k ngày trước
MEMORY = 0.6  # d_t = 0,6 · d_{t−k} + σ z_t (phần ngẫu nhiên của lợi suất)
LAYERS = {"rnn": ("RNN cơ bản", rnnlab.RNN), "gru": ("GRU", rnnlab.GRU)}
SEEDS = [0, 1, 2]
WINDOW, HIDDEN = 30, 16
N_DAYS, BATCH = 6000, 256  # nhiều ngày hơn ví dụ trên: tín hiệu ở ngày xa cần nhiều dữ liệu mới lộ ra
EPOCHS = {3: 8, 20: 20}  # k = 3 học xong sớm hơn nhiều; bớt epoch ở đó để đoạn mã chạy dưới 30 giây
DRIFT = 0.0003 - 0.5 * 0.015**2  # phần không ngẫu nhiên của lợi suất (mu − σ²/2, mặc định của simulate_prices)


def make_data(lag):
    """Giá N_DAYS ngày có trí nhớ ở độ trễ ``lag``; cửa sổ 30 lợi suất đã chuẩn hoá, 80% đầu để huấn luyện."""
    prices = stocks.simulate_prices(n_days=N_DAYS, seed=0, memory=MEMORY, memory_lag=lag)  # (N_DAYS,)
    returns = stocks.log_returns(prices)  # (N_DAYS − 1,)
    n_train = int(0.8 * len(returns))
    mean, std = returns[:n_train].mean(), returns[:n_train].std()
    X, y = stocks.make_windows(((returns - mean) / std).float(), WINDOW)  # (N, 30), (N,)
    split = n_train - WINDOW
    today_index = torch.arange(split, len(X)) + WINDOW  # chỉ số "hôm nay" trong prices, cho tập kiểm tra
    # cách đoán biết đúng công thức sinh dữ liệu: r̂_{t+1} = DRIFT + 0,6 · (r_{t+1−k} − DRIFT)
    oracle_return = DRIFT + MEMORY * (returns[today_index - lag] - DRIFT)
    return {
        "train": (X[:split], y[:split]),
        "X_test": X[split:],
        "prices": prices,
        "today_index": today_index,
        "mean": mean,
        "std": std,
        "oracle_return": oracle_return,
    }


class Predictor(nn.Module):
    def __init__(self, layer):
        super().__init__()
        self.rnn = layer(input_size=1, hidden_size=HIDDEN)  # rnnlab.RNN hoặc rnnlab.GRU
        self.head = nn.Linear(HIDDEN, 1)

    def forward(self, windows):  # windows: (B, W)
        out, _ = self.rnn(windows.t().unsqueeze(-1))  # (W, B, H)
        return self.head(out[-1]).squeeze(-1)  # (B,): lợi suất ngày mai (đã chuẩn hoá)


def price_rmse(data, predicted_return):
    """RMSE của giá dự đoán S_t · exp(r̂) so với giá thật ngày mai, trên tập kiểm tra."""
    today = data["prices"][data["today_index"]]
    tomorrow = data["prices"][data["today_index"] + 1]
    return ((today * torch.exp(predicted_return) - tomorrow) ** 2).mean().sqrt().item()


def fit(layer, data, seed, lag):
    torch.manual_seed(seed)
    model = Predictor(layer)
    X_train, y_train = data["train"]
    order_rng = torch.Generator().manual_seed(seed)

    def batches(epoch):  # mỗi epoch xáo trộn lại, batch BATCH cửa sổ
        order = torch.randperm(len(X_train), generator=order_rng)
        return [(X_train[order[k : k + BATCH]], y_train[order[k : k + BATCH]]) for k in range(0, len(order), BATCH)]

    def loss_fn(model, batch):
        windows, target = batch
        return nn.functional.mse_loss(model(windows), target)

    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    train(model, loss_fn, batches, optimizer=optimizer, epochs=EPOCHS[lag], progress=False)
    return model


def sensitivity(model, X):
    """|∂ŷ/∂x| theo số ngày trước ngày cần đoán (1 = hôm nay), trung bình trên X.

    Đầu vào và đích cùng được chuẩn hoá, nên cách đoán biết công thức có đúng |∂ŷ/∂x| = 0,6 ở ngày k, 0 ở mọi ngày khác.
    """
    windows = X.clone().requires_grad_(True)
    model(windows).sum().backward()
    s = windows.grad.abs().mean(0).flip(0)  # s[j − 1]: lợi suất j ngày trước ngày cần đoán
    return s


rmse_ratio, oracle_ratio, sens = {}, {}, {}
for lag in LAGS:
    data = make_data(lag)
    today = data["prices"][data["today_index"]]
    rmse_naive = price_rmse(data, torch.zeros_like(today))  # "giá mai = giá hôm nay": r̂ = 0
    oracle_ratio[lag] = price_rmse(data, data["oracle_return"]) / rmse_naive
    for key, (_, layer) in LAYERS.items():
        ratios = []
        for seed in SEEDS:
            model = fit(layer, data, seed, lag)
            with torch.no_grad():
                predicted_return = model(data["X_test"]).double() * data["std"] + data["mean"]
            ratios.append(price_rmse(data, predicted_return) / rmse_naive)  # < 1: tốt hơn cách đoán ngây thơ
            if seed == SEEDS[0]:
                sens[key, lag] = sensitivity(model, data["X_test"])
        rmse_ratio[f"{key}_{lag}"] = ratios  # khoá "rnn_3", "gru_20", ...

# các con số trang dùng: trung bình ba seed
mean_ratio = {key: sum(v) / len(v) for key, v in rmse_ratio.items()}
rnn_short, rnn_long = mean_ratio["rnn_3"], mean_ratio["rnn_20"]
gru_short, gru_long = mean_ratio["gru_3"], mean_ratio["gru_20"]
oracle_short, oracle_long = oracle_ratio[3], oracle_ratio[20]
# số seed về sát mức tốt nhất (trong 0,03) ở k = 20
found_long = {key: sum(x < oracle_long + 0.03 for x in rmse_ratio[f"{key}_20"]) for key in LAYERS}
# độ nhạy của dự đoán với đúng ngày mang thông tin (k ngày trước ngày cần đoán), seed 0
spike = {f"{key}_{lag}": sens[key, lag][lag - 1].item() for key in LAYERS for lag in LAGS}

print(f"RMSE chia cho RMSE của 'giá mai = giá hôm nay' (trung bình {len(SEEDS)} seed; < 1 là tốt hơn):")
for lag in LAGS:
    print(f"  k = {lag:2d}: mức tốt nhất (biết công thức) {number(oracle_ratio[lag], '.3f')}")
    for key, (name, _) in LAYERS.items():
        seeds = ", ".join(number(v, ".3f") for v in rmse_ratio[f"{key}_{lag}"])
        print(f"          {name:11s} {number(mean_ratio[f'{key}_{lag}'], '.3f')}  (từng seed {seeds})")
print("Độ nhạy |∂ŷ/∂x| với ngày k, seed 0 (công thức: 0,6):")
for key, (name, _) in LAYERS.items():
    print(f"  {name:11s} " + ", ".join(f"k = {lag}: {number(spike[f'{key}_{lag}'], '.2f')}" for lag in LAGS))

# Hình: độ nhạy |∂ŷ/∂x| theo số ngày trước ngày cần đoán, seed 0; vạch đứng ở ngày mang thông tin
fig, axes = plt.subplots(1, 2, figsize=(11, 3.8), sharey=True)
for ax, lag in zip(axes, LAGS):
    for (key, (name, _)), style in zip(LAYERS.items(), ("C3o-", "C0s-")):
        ax.semilogy(range(1, WINDOW + 1), sens[key, lag], style, ms=3, label=name)
    ax.axvline(lag, color="0.4", ls="--", lw=1, label=f"ngày mang thông tin (k = {lag})")
    ax.plot([lag], [MEMORY], "k*", ms=10, label=f"cách đoán biết công thức ({number(MEMORY)})")
    ax.set_title(f"trí nhớ cài ở k = {lag} ngày")
    ax.set_xlabel("số ngày trước ngày cần đoán")
    ax.legend(fontsize=8)
axes[0].set_ylabel(r"$|\partial \hat y / \partial x|$")
fig.suptitle("Dự đoán nhạy với ngày nào trong cửa sổ 30 ngày: RNN cơ bản và GRU")
fig.tight_layout()
decimal_comma()  # dấu phẩy thập phân trên nhãn trục của mọi hình
plt.show()
