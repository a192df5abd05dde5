"""Chuỗi giá cổ phiếu cho ví dụ dự đoán giá cổ phiếu: giá mô phỏng, hoặc giá của bạn từ một tệp CSV.

- ``simulate_prices``: giá **mô phỏng** theo chuyển động Brown hình học (geometric Brownian motion,
  GBM), mô hình giá đơn giản nhất trong tài chính: mỗi ngày giá nhân với ``exp(r)``, với lợi suất
  log ``r`` rút độc lập từ phân phối chuẩn. Đây không phải giá thật của mã nào.
- ``load_prices_csv``: đọc cột giá từ tệp CSV của bạn, báo lỗi tiếng Việt rõ ràng khi tệp hỏng.
- ``log_returns`` và ``make_windows``: biến chuỗi giá thành các cửa sổ đầu vào cho RNN.

Với GBM, lợi suất ngày mai độc lập với mọi ngày trước, nên không mô hình nào đoán tốt hơn
"giá ngày mai = giá hôm nay" một cách đáng kể: đó là bài học của ví dụ, không phải lỗi.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import torch

from .._checks import check_integer

__all__ = ["simulate_prices", "load_prices_csv", "log_returns", "make_windows", "PRICE_COLUMNS"]

# tên cột được nhận là cột giá (không phân biệt hoa thường), theo thứ tự ưu tiên
PRICE_COLUMNS = ("adj close", "adj_close", "close", "giá đóng cửa", "gia_dong_cua", "price", "giá", "gia")


def simulate_prices(
    n_days: int = 1000,
    s0: float = 100.0,
    mu: float = 0.0003,
    sigma: float = 0.015,
    seed: int = 0,
    memory: float = 0.0,
    memory_lag: int = 1,
) -> torch.Tensor:
    """Giá mô phỏng (GBM) của ``n_days`` ngày, tensor (n_days,) kiểu float64, mọi giá > 0.

    ``S_0 = s0`` và ``S_t = S_{t-1} · exp((mu − sigma²/2) + sigma · z_t)``, z_t ~ N(0, 1) độc lập.
    ``mu``: lợi suất kỳ vọng mỗi ngày; ``sigma``: độ biến động mỗi ngày (0.015 là khoảng 1.5%).
    Cùng ``seed`` cho cùng chuỗi.

    ``memory`` ≠ 0 cài vào chuỗi một trí nhớ (không còn là GBM): phần ngẫu nhiên của lợi suất thành
    ``d_t = memory · d_{t−memory_lag} + sigma · z_t``, nên lợi suất hôm nay báo trước một phần lợi suất
    ``memory_lag`` ngày sau. Cần ``|memory| < 1``.
    """
    check_integer("n_days", n_days, 2)
    if not s0 > 0 or not sigma >= 0:
        raise ValueError(f"Cần s0 > 0 và sigma ≥ 0, nhưng nhận được s0={s0}, sigma={sigma}.")
    if not -1 < memory < 1:
        raise ValueError(f"Cần |memory| < 1, nhưng nhận được memory={memory}.")
    check_integer("memory_lag", memory_lag, 1)
    g = torch.Generator().manual_seed(seed)
    d = sigma * torch.randn(n_days - 1, generator=g, dtype=torch.float64)
    if memory:
        for t in range(memory_lag, n_days - 1):  # d_t = memory · d_{t−lag} + sigma · z_t
            d[t] += memory * d[t - memory_lag]
    r = (mu - 0.5 * sigma**2) + d  # lợi suất log mỗi ngày
    # S_t = S_0 · exp(r_1 + ... + r_t)
    return s0 * torch.exp(torch.cat([torch.zeros(1, dtype=torch.float64), torch.cumsum(r, 0)]))


def _parse_number(text: str, decimal: str | None = None) -> float:
    """'1234.5', '1,234.5' hoặc '1.234,5' → 1234.5; ``decimal`` là dấu thập phân nếu đã biết."""
    s = text.strip().replace(" ", "").replace("\u00a0", "")
    if decimal == ",":
        return float(s.replace(".", "").replace(",", "."))
    if decimal == ".":
        return float(s.replace(",", ""))
    if "," in s and "." in s:
        # dấu đứng sau cùng là dấu thập phân
        s = s.replace(".", "").replace(",", ".") if s.rfind(",") > s.rfind(".") else s.replace(",", "")
    elif "," in s:
        s = s.replace(",", ".")
    return float(s)


def load_prices_csv(
    path: str | Path, column: str | None = None, decimal: str | None = None, min_rows: int = 30
) -> torch.Tensor:
    """Đọc chuỗi giá từ một tệp CSV có dòng tiêu đề; trả về tensor (N,) kiểu float64.

    Các dòng phải theo thứ tự thời gian (ngày cũ trước). ``column``: tên cột giá; khi bỏ trống,
    dùng cột đầu tiên có tên trong ``PRICE_COLUMNS`` (ví dụ ``Close``, ``Adj Close``, ``giá``), hoặc
    cột duy nhất nếu tệp chỉ có một cột. Dấu phân cách ``,`` hoặc ``;`` đều được.

    ``decimal``: dấu thập phân. Bỏ trống thì đoán: có cả hai dấu thì dấu đứng sau là dấu thập phân
    ("1.234,5" và "1,234.5" đều là 1234,5), chỉ có một dấu thì đó là dấu thập phân. Giá viết kiểu
    Việt Nam với dấu chấm ngăn hàng nghìn ("25.300" đồng) cần ``decimal=","``, nếu không sẽ thành 25,3.

    Ném ``FileNotFoundError`` khi không có tệp và ``ValueError`` (nói rõ dòng nào, cột nào) khi
    tệp rỗng, thiếu cột giá, có giá không phải số hoặc ≤ 0, hay có ít hơn ``min_rows`` dòng.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"Không tìm thấy tệp giá {str(path)!r}. Hãy kiểm tra lại đường dẫn.")
    text = path.read_text(encoding="utf-8-sig")
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise ValueError(f"Tệp {path.name!r} rỗng: cần một dòng tiêu đề và ít nhất {min_rows} dòng giá.")
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    rows = list(csv.reader(lines, delimiter=delimiter))
    header = [h.strip() for h in rows[0]]
    lower = [h.lower() for h in header]
    if decimal not in (None, ".", ","):
        raise ValueError(f'decimal phải là "." hoặc ",", nhưng nhận được {decimal!r}.')
    if column is not None:
        if column.strip().lower() not in lower:
            raise ValueError(f"Tệp {path.name!r} không có cột {column!r}. Các cột có trong tệp: {', '.join(header)}.")
        index = lower.index(column.strip().lower())
    else:
        found = [lower.index(name) for name in PRICE_COLUMNS if name in lower]
        if found:
            index = found[0]
        elif len(header) == 1:
            index = 0
        else:
            raise ValueError(
                f"Không biết cột nào trong tệp {path.name!r} là giá (các cột: {', '.join(header)}). "
                f"Hãy đặt tên cột là 'Close' hoặc 'giá', hoặc gọi load_prices_csv(path, column=\"tên cột\")."
            )
    name = header[index]
    prices = []
    for line_no, row in enumerate(rows[1:], start=2):
        if index >= len(row) or not row[index].strip():
            raise ValueError(f"Dòng {line_no} của tệp {path.name!r} không có giá ở cột {name!r}.")
        try:
            value = _parse_number(row[index], decimal)
        except ValueError:
            raise ValueError(
                f"Dòng {line_no} của tệp {path.name!r}: {row[index].strip()!r} ở cột {name!r} không phải là một số."
            ) from None
        if not (math.isfinite(value) and value > 0):
            raise ValueError(f"Dòng {line_no} của tệp {path.name!r}: giá phải là số dương, nhưng nhận được {value}.")
        prices.append(value)
    if len(prices) < min_rows:
        raise ValueError(
            f"Tệp {path.name!r} chỉ có {len(prices)} dòng giá; cần ít nhất {min_rows} để tạo cửa sổ và chia tập kiểm tra."
        )
    return torch.tensor(prices, dtype=torch.float64)


def log_returns(prices: torch.Tensor) -> torch.Tensor:
    """Lợi suất log ``r_t = log(S_t / S_{t-1})``, tensor (N − 1,)."""
    prices = torch.as_tensor(prices, dtype=torch.float64)
    if prices.dim() != 1 or len(prices) < 2 or not bool((prices > 0).all()):
        raise ValueError("prices phải là một chuỗi (N,) gồm ít nhất 2 giá dương.")
    return torch.log(prices[1:] / prices[:-1])


def make_windows(series: torch.Tensor, window: int):
    """Cắt ``series`` (N,) thành các cửa sổ trượt: ``X`` (N − window, window), ``y`` (N − window,).

    ``X[j] = series[j : j + window]`` (``window`` ngày liên tiếp, cũ trước) và ``y[j] = series[j + window]``
    (ngày ngay sau cửa sổ).
    """
    series = torch.as_tensor(series)
    if series.dim() != 1:
        raise ValueError(f"series phải có 1 chiều (N,), nhưng nhận được kích thước {tuple(series.shape)}.")
    check_integer("window", window, 1, len(series) - 1)
    X = series.unfold(0, window, 1)[:-1]  # (N − window, window)
    y = series[window:]  # (N − window,)
    return X.clone(), y.clone()
