"""Đo dòng gradient qua thời gian: ‖∂L/∂h_t‖ ở mỗi bước t.

Mọi hàm ở đây trả về tensor một chiều ``(T,)``, phần tử ``t − 1`` ứng với bước t = 1..T, và dùng
float64. Mất mát là L = Σ_b uᵀ h_T⁽ᵇ⁾ / √B với u ngẫu nhiên, ‖u‖ = 1, nên ‖∂L/∂h_T‖ = 1 đúng bằng:
mọi đường cong bắt đầu từ 1 ở bước cuối, và ‖∂L/∂h_t‖ là hệ số gradient đã bị nhân lên (hay
thu nhỏ) sau T − t bước lùi.

- ``flow_curve``: một tầng RNN, LSTM hoặc GRU có W_hh = ρ·Q (mỗi khối cổng một ma trận trực giao
  Q riêng), đầu vào ngẫu nhiên; trả về số đo và ρ^(T−t).
- ``linear_flow``: RNN tuyến tính (``nonlinearity="identity"``): ∂L/∂h_t = (W_hhᵀ)^(T−t) ∂L/∂h_T,
  Q giữ nguyên độ dài mọi vectơ, nên ‖∂L/∂h_t‖ = ρ^(T−t) đúng bằng.
- ``tanh_flow``: RNN tanh với W_hh = s·Q; vì ‖diag(1 − h_t²) W_hh‖ ≤ s, số đo không bao giờ vượt
  s^(T−t); thêm tỉ lệ nút ẩn bão hoà ở mỗi bước.
- ``cell_flow``: ‖∂L/∂h_t‖ của một mô hình bất kỳ của rnnlab cho một mất mát bất kỳ.
"""

from __future__ import annotations

import torch

from ..gradient_flow import hidden_grad_norms
from ..layers import GRU, LSTM, RNN

CELLS = {"rnn": RNN, "lstm": LSTM, "gru": GRU}


def orthogonal(n: int, seed: int = 0, dtype=torch.float64) -> torch.Tensor:
    """Ma trận trực giao Q (n, n) ngẫu nhiên: QᵀQ = I, mọi giá trị kỳ dị bằng 1."""
    g = torch.Generator().manual_seed(seed)
    a = torch.randn(n, n, generator=g, dtype=torch.float64)
    q, r = torch.linalg.qr(a)
    # đổi dấu từng cột cho phân phối đều trên nhóm trực giao (và kết quả không phụ thuộc LAPACK)
    q = q * torch.sign(torch.diagonal(r)).unsqueeze(0)
    return q.to(dtype)


def scaled_model(
    cell: str = "rnn",
    scale: float = 1.0,
    hidden_size: int = 16,
    input_size: int = 1,
    nonlinearity: str = "identity",
    seed: int = 0,
    dtype=torch.float64,
):
    """Một tầng rnnlab (``cell`` ∈ rnn, lstm, gru) với mỗi khối cổng của W_hh bằng scale·Q.

    Với RNN, bán kính phổ và giá trị kỳ dị lớn nhất của W_hh đều bằng ``scale``. W_ih giữ cách khởi
    tạo mặc định (như torch); mọi bias bằng 0. ``nonlinearity`` chỉ dùng cho RNN.
    """
    if cell not in CELLS:
        raise ValueError(f"cell phải là một trong {', '.join(CELLS)}, nhưng nhận được {cell!r}.")
    kw = {"nonlinearity": nonlinearity} if cell == "rnn" else {}
    model = CELLS[cell](input_size, hidden_size, dtype=dtype, **kw)
    model.reset_parameters(generator=torch.Generator().manual_seed(seed))  # seed chung của torch không đổi
    G = model.recurrence.n_gates
    with torch.no_grad():
        blocks = [scale * orthogonal(hidden_size, seed + k, dtype) for k in range(G)]
        model.weight_hh_l0.copy_(torch.cat(blocks, 0))  # (G*H, H)
        model.bias_ih_l0.zero_()
        model.bias_hh_l0.zero_()
    return model


def _last_state_loss(hidden_size: int, batch_size: int, seed: int):
    """L = Σ_b uᵀ h_T⁽ᵇ⁾ / √B với ‖u‖ = 1: ‖∂L/∂h_T‖ (trên cả batch) = 1."""
    g = torch.Generator().manual_seed(seed + 1)
    u = torch.randn(hidden_size, generator=g, dtype=torch.float64)
    u = u / u.norm()

    def loss_fn(output, h_n):
        return (output[-1] @ u.to(output.dtype)).sum() / batch_size**0.5

    return loss_fn


def flow_curve(
    cell: str = "rnn",
    rho: float = 0.9,
    seq_len: int = 50,
    hidden_size: int = 16,
    nonlinearity: str = "identity",
    batch_size: int = 1,
    input_scale: float = 1.0,
    seed: int = 0,
) -> dict:
    """‖∂L/∂h_t‖ (t = 1..T) cho một tầng ``cell`` có W_hh = ρ·Q, đầu vào ~ N(0, input_scale²).

    Trả về ``{"t", "measured", "theory", "states"}``: ``theory`` = ρ^(T−t) (đúng cho RNN tuyến tính,
    là chặn trên cho RNN tanh), ``states`` = các trạng thái ẩn h_t (T, B, H) của lượt xuôi.
    """
    model = scaled_model(cell, rho, hidden_size, nonlinearity=nonlinearity, seed=seed)
    g = torch.Generator().manual_seed(seed + 2)
    x = input_scale * torch.randn(seq_len, batch_size, 1, generator=g, dtype=torch.float64)  # (T, B, 1)
    norms = cell_flow(model, x, _last_state_loss(hidden_size, batch_size, seed))
    with torch.no_grad():
        states, _ = model(x)  # (T, B, H)
    t = torch.arange(1, seq_len + 1)
    theory = torch.tensor(float(rho), dtype=torch.float64) ** (seq_len - t).to(torch.float64)
    return {"t": t, "measured": norms, "theory": theory, "states": states}


def linear_flow(rho: float, seq_len: int, hidden_size: int = 16, seed: int = 0) -> dict:
    """RNN tuyến tính với W_hh = ρ·Q, một chuỗi: ``{"t", "measured", "theory"}``, theory = ρ^(T−t)."""
    r = flow_curve("rnn", rho, seq_len, hidden_size, "identity", batch_size=1, seed=seed)
    return {key: r[key] for key in ("t", "measured", "theory")}


def tanh_flow(
    scale: float, seq_len: int, hidden_size: int = 32, batch_size: int = 8, input_scale: float = 1.0, seed: int = 0
) -> dict:
    """RNN tanh với W_hh = s·Q: ``{"t", "measured", "bound", "saturation"}``.

    ``bound`` = s^(T−t) là chặn trên (trường hợp tuyến tính); ``saturation`` (T,) là tỉ lệ nút ẩn có
    |h_t| > 0,99 ở mỗi bước (ở đó tanh' < 0,02).
    """
    r = flow_curve("rnn", scale, seq_len, hidden_size, "tanh", batch_size, input_scale, seed)
    saturation = (r["states"].abs() > 0.99).to(torch.float64).mean(dim=(1, 2))
    return {"t": r["t"], "measured": r["measured"], "bound": r["theory"], "saturation": saturation}


def growth_per_step(measured: torch.Tensor) -> float:
    """Hệ số nhân trung bình mỗi bước lùi: (‖∂L/∂h_1‖ / ‖∂L/∂h_T‖)^(1/(T−1))."""
    return float((measured[0] / measured[-1]) ** (1 / (len(measured) - 1)))


def cell_flow(model, x: torch.Tensor, loss_fn) -> torch.Tensor:
    """‖∂L/∂h_t‖ (T,) cho ``model`` (một tầng rnnlab), đầu vào ``x`` (T, B, I), ``loss_fn(output, h_n)``."""
    return hidden_grad_norms(model, x, loss_fn)["l0"].detach()


def plot_flow(ax, curve: dict, label: str = "đo được", style: str = "o", theory_label: str | None = None, title=None):
    """Vẽ ‖∂L/∂h_t‖ của một kết quả ``flow_curve`` lên ``ax`` (matplotlib), trục dọc log.

    ``theory_label``: vẽ thêm ρ^(T−t) với nhãn này. Gọi nhiều lần trên cùng ``ax`` để so sánh nhiều đường.
    """
    ax.semilogy(curve["t"], curve["measured"], style, ms=3, label=label)
    if theory_label is not None:
        ax.semilogy(curve["t"], curve["theory"], "-", label=theory_label)
    ax.set_xlabel("bước thời gian t")
    ax.set_ylabel(r"$\|\partial L/\partial h_t\|$")
    if title is not None:
        ax.set_title(title)
    ax.grid(True, alpha=0.3)
    ax.legend()
