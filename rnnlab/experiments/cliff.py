""" "Vách đá" của Pascanu, Mikolov và Bengio (2013): mặt lỗi của một mạng hồi tiếp chỉ một nút.

    x_t = w · σ(x_{t−1}) + b,     x_0 = 0,5,     t = 1..50
    E(w, b) = (σ(x_50) − 0,7)²

Với w đủ lớn, ánh xạ x ↦ w·σ(x) + b có hai điểm bất động hút; sau 50 bước, x_50 rơi vào điểm nào
tuỳ (w, b). Đường ranh giới giữa hai miền là một bức tường: E nhảy gần như gián đoạn, gradient
ở đó lớn hàng nghìn lần so với đồng bằng xung quanh. Một bước gradient thường đứng ở chân tường
bị ném đi rất xa; bước đã cắt theo chuẩn chỉ dịch đi một đoạn ngắn.

Mọi hàm nhận ``w``, ``b`` là số hoặc tensor cùng kích thước (tính cả lưới một lần), float64.
"""

from __future__ import annotations

import torch

STEPS = 50
X0 = 0.5
TARGET = 0.7


def error(w, b, steps: int = STEPS, x0: float = X0, target: float = TARGET) -> torch.Tensor:
    """E(w, b) = (σ(x_T) − target)², tính cho mọi phần tử của ``w``, ``b`` cùng lúc."""
    w = torch.as_tensor(w, dtype=torch.float64)
    b = torch.as_tensor(b, dtype=torch.float64)
    x = torch.full(torch.broadcast_shapes(w.shape, b.shape), x0, dtype=torch.float64)
    for _ in range(steps):
        # x_t = w·σ(x_{t−1}) + b
        x = w * torch.sigmoid(x) + b
    return (torch.sigmoid(x) - target) ** 2


def gradient(w: float, b: float, **kw) -> torch.Tensor:
    """(∂E/∂w, ∂E/∂b) tại một điểm, bằng lan truyền ngược qua 50 bước (autograd)."""
    p = torch.tensor([w, b], dtype=torch.float64, requires_grad=True)
    (g,) = torch.autograd.grad(error(p[0], p[1], **kw), p)
    return g


def gradient_norms(w, b, **kw) -> torch.Tensor:
    """‖∇E‖ tại mọi điểm của lưới (``w``, ``b`` cùng kích thước) trong một lượt ngược: mỗi E_i chỉ phụ
    thuộc (w_i, b_i), nên gradient của tổng cho đúng gradient của từng điểm."""
    w = torch.as_tensor(w, dtype=torch.float64).clone().requires_grad_(True)
    b = torch.as_tensor(b, dtype=torch.float64).clone().requires_grad_(True)
    gw, gb = torch.autograd.grad(error(w, b, **kw).sum(), (w, b))
    return torch.sqrt(gw**2 + gb**2)


def wall_point(
    w: float, b_low: float, b_high: float, offset: float = 0.0, iters: int = 60, min_ratio: float = 100.0
) -> tuple:
    """Điểm (w, b) trên mặt tường: chia đôi theo b trên đoạn [b_low, b_high] để tìm chỗ E nhảy từ
    mức ở đầu này sang mức ở đầu kia; ``offset`` > 0 lùi ra khỏi tường một đoạn về phía ``b_low``.

    Ném ``ValueError`` nếu ở đó không có tường: ‖∇E‖ tại điểm tìm được không lớn hơn ít nhất
    ``min_ratio`` lần ‖∇E‖ ở hai đầu đoạn (mặt lỗi chỉ dốc thoai thoải).
    """
    e_low, e_high = float(error(w, b_low)), float(error(w, b_high))
    no_wall = f"Không có bức tường giữa b = {b_low} và b = {b_high} ở w = {w}"
    if abs(e_low - e_high) < 1e-3:
        raise ValueError(f"{no_wall}: E gần như bằng nhau ở hai đầu.")
    lo, hi = b_low, b_high
    for _ in range(iters):
        mid = (lo + hi) / 2
        e_mid = float(error(w, mid))
        if abs(e_mid - e_low) < abs(e_mid - e_high):
            lo = mid
        else:
            hi = mid
    ends = max(float(gradient(w, b_low).norm()), float(gradient(w, b_high).norm()))
    if float(gradient(w, lo).norm()) < min_ratio * ends:
        raise ValueError(f"{no_wall}: mặt lỗi chỉ dốc thoai thoải, gradient không vọt lên.")
    direction = 1.0 if b_high > b_low else -1.0
    return w, lo - direction * offset


def sgd_step(point: tuple, lr: float, clip_norm: float | None = None) -> tuple:
    """Một bước SGD từ ``point`` = (w, b); với ``clip_norm``, gradient được cắt theo chuẩn trước."""
    g = gradient(*point)
    norm = float(g.norm())
    if clip_norm is not None and norm > clip_norm:
        # g ← g · τ/‖g‖: giữ hướng, chỉ thu ngắn
        g = g * (clip_norm / norm)
    return point[0] - lr * float(g[0]), point[1] - lr * float(g[1])


def descend(point: tuple, lr: float, steps: int, clip_norm: float | None = None) -> list:
    """``steps`` bước SGD liên tiếp từ ``point``; trả về quỹ đạo [(w, b), ...] gồm cả điểm đầu."""
    path = [tuple(point)]
    for _ in range(steps):
        path.append(sgd_step(path[-1], lr, clip_norm))
    return path


def plot_surface(ax, start: tuple, path: list, span: float = 2.0, n: int = 201) -> None:
    """Mặt lỗi E(w, b) quanh ``start`` (±``span``) lên ``ax``, cùng quỹ đạo ``path`` [(w, b), ...] và điểm xuất phát."""
    w = torch.linspace(start[0] - span, start[0] + span, n, dtype=torch.float64)
    b = torch.linspace(start[1] - span, start[1] + span, n, dtype=torch.float64)
    W, B = torch.meshgrid(w, b, indexing="xy")
    mesh = ax.pcolormesh(W.numpy(), B.numpy(), error(W, B).numpy(), shading="auto")
    ax.figure.colorbar(mesh, ax=ax, label="E(w, b)")
    ax.plot([p[0] for p in path], [p[1] for p in path], "w.-", label="có cắt")
    ax.plot(*start, "ro", label="xuất phát")
    ax.set_xlim(float(w[0]), float(w[-1]))
    ax.set_ylim(float(b[0]), float(b[-1]))
    ax.set_xlabel("w")
    ax.set_ylabel("b")
    ax.legend()
