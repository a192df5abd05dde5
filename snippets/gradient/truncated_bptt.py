"""BPTT bị cắt ngắn (truncated BPTT): cắt dòng gradient sau k bước, và cái giá trên một phụ thuộc dài.

Đọc chuỗi theo từng đoạn k bước; giữa hai đoạn, trạng thái được truyền tiếp nhưng tách khỏi đồ thị
(``detach``), nên lượt ngược dừng ở đầu đoạn. Đo (1) ‖∂L/∂h_t‖ khi cắt và khi không cắt, và (2) huấn luyện
LSTM trên bài toán cộng T = 30 với BPTT đầy đủ và với k = 10 (ba seed mỗi cách).
"""

import matplotlib.pyplot as plt
import torch
from torch import nn

import rnnlab
from rnnlab.experiments.adding import BASELINE_MSE, adding_batch
from rnnlab.train import train
from rnnlab.vi import decimal_comma, number

torch.set_num_threads(1)  # ma trận nhỏ: một luồng nhanh hơn hai luồng tranh nhau

T, K, H = 30, 10, 32  # độ dài chuỗi, độ dài mỗi đoạn khi cắt, số nút ẩn
SEEDS, STEPS = [0, 1, 2], 600


class AddingLSTM(nn.Module):
    """LSTM đọc chuỗi theo từng đoạn ``k`` bước; ``k = None``: cả chuỗi một lần (BPTT đầy đủ)."""

    def __init__(self, k=None, seed=0):
        super().__init__()
        torch.manual_seed(seed)
        self.k = k
        self.rnn = rnnlab.LSTM(2, H)
        self.head = nn.Linear(H, 1)
        with torch.no_grad():
            self.rnn.bias_hh_l0[H : 2 * H] += 1.0  # cổng quên: cộng 1 vào độ chệch, như ở bài toán cộng

    def forward(self, x):  # x: (T, B, 2)
        k = self.k or len(x)
        state = None
        for start in range(0, len(x), k):
            if state is not None:
                state = tuple(s.detach() for s in state)  # cắt: lượt ngược dừng ở đây
            out, state = self.rnn(x[start : start + k], state)  # (k, B, H)
        return self.head(out[-1]).squeeze(-1)  # (B,): chỉ đọc h_T


def grad_norms(model, x, y):
    """‖∂L/∂h_t‖ ở mọi bước t: chạy từng bước một (cắt đúng như ``forward``) và giữ gradient của mọi h_t."""
    k = model.k or len(x)
    state, hs = None, []
    for t in range(len(x)):
        if state is not None and t % k == 0:
            state = tuple(s.detach() for s in state)  # cắt: lượt ngược dừng ở đây
        _, state = model.rnn(x[t : t + 1], state)  # state = (h_t, c_t), mỗi cái (1, B, H)
        state[0].retain_grad()
        hs.append(state[0])
    loss = ((model.head(hs[-1][0]).squeeze(-1) - y) ** 2).mean()
    loss.backward()
    # h_t mà lượt ngược không tới được thì không có gradient: đúng bằng 0
    return torch.tensor([0.0 if h.grad is None else h.grad.norm().item() for h in hs])  # (T,)


# (1) Dòng gradient, mô hình lúc khởi tạo, batch dò 64 chuỗi
x_probe, y_probe = adding_batch(64, T, torch.Generator().manual_seed(5))
flow_full = grad_norms(AddingLSTM(None), x_probe, y_probe)
flow_cut = grad_norms(AddingLSTM(K), x_probe, y_probe)
zero_before_cut = int((flow_cut[: T - K] == 0).sum())  # số bước trước đoạn cuối có gradient đúng bằng 0
flow_full, flow_cut = flow_full.tolist(), flow_cut.tolist()

# (2) Huấn luyện: BPTT đầy đủ và cắt ở k = 10; 500 chuỗi kiểm tra cố định
x_test, y_test = adding_batch(500, T, torch.Generator().manual_seed(10_000 + T))
final_mse, steps_used = {}, {}
for name, k in (("full", None), ("cut", K)):
    final_mse[name], steps_used[name] = [], []
    for seed in SEEDS:
        model = AddingLSTM(k, seed)
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
        data = torch.Generator().manual_seed(1_000 + seed)
        done, mse = 0, float("inf")
        while done < STEPS and mse >= 0.01:  # mỗi lần 50 bước rồi đo; dừng sớm khi MSE < 0,01 (đã giải xong)
            batches = [adding_batch(32, T, data) for _ in range(50)]
            train(model, lambda m, b: ((m(b[0]) - b[1]) ** 2).mean(), batches, optimizer=optimizer, progress=False)
            done += 50
            with torch.no_grad():
                mse = ((model(x_test) - y_test) ** 2).mean().item()
        final_mse[name].append(mse)
        steps_used[name].append(done)
ONE_NUMBER_MSE = 1 / 12  # chỉ nhớ được số thứ hai: sai số còn lại là phương sai của số thứ nhất, 1/12

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 3.8))
ax1.semilogy(range(1, T + 1), flow_full, "C0o-", ms=3, label="BPTT đầy đủ")
ax1.semilogy(
    range(1, T + 1), [max(f, 1e-12) for f in flow_cut], "C3s-", ms=3, label=f"cắt sau k = {K} bước (0 vẽ ở 1e-12)"
)
ax1.axvline(T - K + 0.5, color="0.5", ls=":", lw=1)
ax1.set_xlabel("bước thời gian t")
ax1.set_ylabel(r"$\|\partial L/\partial h_t\|$")
ax1.set_title("dòng gradient lúc khởi tạo")
ax1.legend(fontsize=8)
for i, (name, label) in enumerate((("full", "BPTT đầy đủ"), ("cut", f"cắt, k = {K}"))):
    ax2.plot([i] * len(SEEDS), final_mse[name], "o", color=("C0", "C3")[i], label=label)
ax2.axhline(BASELINE_MSE, color="black", ls="--", lw=1, label="1/6: không nhớ số nào")
ax2.axhline(ONE_NUMBER_MSE, color="gray", ls=":", lw=1, label="1/12: chỉ nhớ số thứ hai")
ax2.set_xticks([0, 1], ["BPTT đầy đủ", f"cắt, k = {K}"])
ax2.set_xlim(-0.6, 1.6)
ax2.set_yscale("log")
ax2.set_ylabel("MSE kiểm tra cuối")
ax2.set_title(f"LSTM, bài toán cộng T = {T}, tối đa {STEPS} bước")
ax2.legend(fontsize=8)
fig.suptitle("BPTT bị cắt ngắn: gradient dừng ở đầu đoạn cuối, mà LSTM vẫn học được bài toán cộng")
fig.tight_layout()
decimal_comma()  # dấu phẩy thập phân trên nhãn trục của mọi hình
plt.show()

print(f"Cắt sau k = {K} bước: {zero_before_cut}/{T - K} bước trước đoạn cuối có ‖∂L/∂h_t‖ = 0")
for name in final_mse:
    print(
        f"  {name}: MSE kiểm tra cuối "
        + ", ".join(number(m, ".4f") for m in final_mse[name])
        + f", số bước {steps_used[name]}"
    )
