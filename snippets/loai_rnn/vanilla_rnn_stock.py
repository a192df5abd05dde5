"""Dự đoán giá cổ phiếu ngày mai bằng RNN cơ bản, so với cách đoán ngây thơ "giá mai = giá hôm nay".

Giá ở đây là giá MÔ PHỎNG (chuyển động Brown hình học), không phải giá của mã nào. Muốn thử giá
của bạn: đặt CSV_PATH = "gia.csv" (tệp CSV có dòng tiêu đề, một cột "Close" hoặc "giá", ngày cũ trước).

Chạy: python snippets/loai_rnn/vanilla_rnn_stock.py
"""

import copy

import matplotlib.pyplot as plt
import torch
from torch import nn

import rnnlab
from rnnlab.datasets import stocks
from rnnlab.train import train
from rnnlab.vi import decimal_comma, number

torch.manual_seed(0)
torch.set_num_threads(1)  # mô hình rất nhỏ: một luồng nhanh hơn hai luồng tranh nhau

CSV_PATH = None  # ví dụ "gia.csv"; None: dùng giá mô phỏng
WINDOW = 30  # mô hình xem 30 ngày gần nhất
HIDDEN = 16  # số nút ẩn
EPOCHS = 15

# 1. Dữ liệu: từ giá tính lợi suất log mỗi ngày r_t = log(S_t / S_{t-1}), rồi cắt thành các cửa sổ 30 ngày
if CSV_PATH:
    prices = stocks.load_prices_csv(CSV_PATH)
    source = f"giá trong {CSV_PATH}"
else:
    prices = stocks.simulate_prices(n_days=1500, seed=0)  # (1500,), giá mô phỏng
    source = "giá mô phỏng (GBM)"
returns = stocks.log_returns(prices)  # (N − 1,); returns[i] = log(S[i+1] / S[i])
n_train = int(0.8 * len(returns))  # 80% số ngày đầu để huấn luyện, 20% cuối để kiểm tra
mean, std = returns[:n_train].mean(), returns[:n_train].std()
z = ((returns - mean) / std).float()  # chuẩn hoá bằng thống kê của phần huấn luyện
X, y = stocks.make_windows(z, WINDOW)  # X[j] = z[j : j+30] (30 ngày), y[j] = z[j+30] (ngày mai)
split = n_train - WINDOW  # cửa sổ nào có "ngày mai" thuộc phần huấn luyện thì vào tập huấn luyện
X_train, y_train, X_test, y_test = X[:split], y[:split], X[split:], y[split:]
n_test_days = len(X_test)
print(f"Dữ liệu: {source}, {len(prices)} ngày; {len(X_train)} cửa sổ huấn luyện, {len(X_test)} cửa sổ kiểm tra")


# 2. Mô hình: RNN cơ bản đọc 30 lợi suất, tầng tuyến tính đọc trạng thái ẩn cuối và đoán lợi suất ngày mai
class PricePredictor(nn.Module):
    def __init__(self, hidden_size=HIDDEN):
        super().__init__()
        self.rnn = rnnlab.RNN(input_size=1, hidden_size=hidden_size)  # h_t = tanh(W_ih x_t + W_hh h_{t-1} + b)
        self.head = nn.Linear(hidden_size, 1)

    def forward(self, windows):  # windows: (B, W)
        _, h_n = self.rnn(windows.t().unsqueeze(-1))  # đầu vào (W, B, 1); h_n: (1, B, H)
        return self.head(h_n[-1]).squeeze(-1)  # (B,)


model = PricePredictor()
initial_state = copy.deepcopy(model.state_dict())  # giữ trọng số lúc khởi tạo để so sánh ở bước 5
generator = torch.Generator().manual_seed(0)


def batches(epoch):  # mỗi epoch xáo trộn lại, batch 64 cửa sổ
    order = torch.randperm(len(X_train), generator=generator)
    return [(X_train[order[k : k + 64]], y_train[order[k : k + 64]]) for k in range(0, len(order), 64)]


def loss_fn(model, batch):
    windows, target = batch
    return nn.functional.mse_loss(model(windows), target)


# 3. Huấn luyện (thanh tiến trình in ra stderr)
history = train(model, loss_fn, batches, optimizer=torch.optim.Adam(model.parameters(), lr=1e-3), epochs=EPOCHS)
for epoch in (1, 5, 10, EPOCHS):
    print(
        f"epoch {epoch:2d}: mất mát huấn luyện (MSE, lợi suất đã chuẩn hoá) {number(history.epoch_loss[epoch - 1], '.4f')}"
    )

# 4. Đánh giá trên 20% ngày cuối: đổi lợi suất dự đoán về giá, so với "giá mai = giá hôm nay"
model.eval()
with torch.no_grad():
    predicted_return = model(X_test).double() * std + mean  # (N_test,)
today_index = torch.arange(split, len(X)) + WINDOW  # chỉ số của "hôm nay" trong prices
today, tomorrow = prices[today_index], prices[today_index + 1]
predicted = today * torch.exp(predicted_return)  # S_{t+1} dự đoán = S_t · exp(r dự đoán)
rmse_rnn = ((predicted - tomorrow) ** 2).mean().sqrt().item()
rmse_naive = ((today - tomorrow) ** 2).mean().sqrt().item()
rmse_ratio = rmse_rnn / rmse_naive  # < 1: RNN tốt hơn cách đoán ngây thơ
direction_accuracy = ((predicted > today) == (tomorrow > today)).double().mean().item()
print(f"RMSE của RNN cơ bản:            {number(rmse_rnn, '.3f')}")
print(f"RMSE của 'giá mai = giá hôm nay': {number(rmse_naive, '.3f')}")
print(f"Tỉ số RNN / ngây thơ:           {number(rmse_ratio, '.3f')}")
print(f"Đoán đúng chiều tăng/giảm:      {number(direction_accuracy, '.1%')} số ngày")


# 5. Dự đoán phụ thuộc thế nào vào lợi suất k ngày trước: |∂ŷ/∂x_{t−k}|, trung bình trên tập kiểm tra
def sensitivity(model):
    windows = X_test.clone().requires_grad_(True)
    model(windows).sum().backward()
    s = windows.grad.abs().mean(0).flip(0)  # s[k] ứng với ngày cách "hôm nay" k ngày
    return s / s.max()  # chia cho giá trị lớn nhất để so hai mô hình trên cùng thang


trained_sens = sensitivity(model)
untrained = PricePredictor()
untrained.load_state_dict(initial_state)
untrained_sens = sensitivity(untrained)
sensitivity_10 = trained_sens[10].item()  # độ nhạy còn lại sau 10 ngày (so với ngày nhạy nhất)
sensitivity_20 = trained_sens[20].item()
untrained_sensitivity_20 = untrained_sens[20].item()
# sự suy giảm lúc khởi tạo đến cả từ cách khởi tạo mặc định U(−1/√H, 1/√H), bán kính phổ khoảng 0,58:
# thử W_hh trực giao (mọi giá trị kỳ dị bằng 1), phần còn lại giữ nguyên
radius_default = torch.linalg.eigvals(initial_state["rnn.weight_hh_l0"]).abs().max().item()
orthogonal = PricePredictor()
orthogonal.load_state_dict(initial_state)
with torch.no_grad():
    nn.init.orthogonal_(orthogonal.rnn.weight_hh_l0, generator=torch.Generator().manual_seed(0))
orthogonal_sens = sensitivity(orthogonal)
orthogonal_sensitivity_20 = orthogonal_sens[20].item()
print(
    f"Độ nhạy với ngày cách 10 ngày: {number(sensitivity_10, '.1e')}, cách 20 ngày: {number(sensitivity_20, '.1e')} (ngày nhạy nhất = 1)"
)
print(
    f"Lúc khởi tạo, cách 20 ngày: mặc định {number(untrained_sensitivity_20, '.1e')} (bán kính phổ của W_hh "
    f"{number(radius_default, '.2f')}), W_hh trực giao {number(orthogonal_sensitivity_20, '.1e')}"
)

# Hình 1: 60 ngày cuối của tập kiểm tra
days = torch.arange(len(today))[-60:]
fig, ax = plt.subplots(figsize=(8, 3.6))
ax.plot(days, tomorrow[-60:], "k-", lw=2, label="giá thật ngày mai")
ax.plot(days, predicted[-60:], "C1.-", label="RNN cơ bản dự đoán")
ax.plot(days, today[-60:], "C0--", lw=1, label="đoán ngây thơ: giá hôm nay")
ax.set_xlabel("ngày trong tập kiểm tra")
ax.set_ylabel("giá")
ax.set_title(f"Dự đoán giá ngày mai trên {source}: 60 ngày cuối")
ax.legend(fontsize=8)

# Hình 2: độ nhạy theo số ngày lùi về quá khứ, thang log
fig, ax = plt.subplots(figsize=(8, 3.6))
ax.semilogy(range(WINDOW), untrained_sens, "C7o-", ms=3, label="lúc khởi tạo")
ax.semilogy(range(WINDOW), trained_sens, "C3o-", ms=3, label="sau huấn luyện")
ax.semilogy(range(WINDOW), orthogonal_sens, "C2s--", ms=3, label="khởi tạo W_hh trực giao (chưa huấn luyện)")
ax.set_xlabel("k: số ngày trước hôm nay")
ax.set_ylabel(r"$|\partial \hat y / \partial x_{t-k}|$ (chia cho lớn nhất)")
ax.set_title("Dự đoán của RNN cơ bản gần như không phụ thuộc vào những ngày xa")
ax.legend(fontsize=8)
decimal_comma()  # dấu phẩy thập phân trên nhãn trục của mọi hình
plt.show()
