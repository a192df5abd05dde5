"""Văn bản tiếng Việt cho mô hình ngôn ngữ mức ký tự.

Kho văn bản ``corpus_vi.txt`` (khoảng 19 KB, 21 bài viết ngắn về đời sống thường ngày) được viết
riêng cho dự án, giấy phép CC0 1.0 (xem ``CORPUS_LICENSE.md``). Văn bản được chuẩn hoá Unicode NFC,
nên mỗi chữ có dấu như "ế" là một ký tự.

Cách dùng::

    from rnnlab.datasets import text
    corpus = text.load_corpus()
    vocab = text.CharVocab(corpus)
    train_ids, val_ids = text.split(vocab.encode(corpus), val_fraction=0.1)
    for x, y in text.random_windows(train_ids, seq_len=64, batch_size=32, n_batches=10, seed=0):
        ...                                   # x, y: (T, B); y là x dịch đi một ký tự
"""

from __future__ import annotations

import unicodedata
from importlib import resources

import torch

CORPUS_FILE = "corpus_vi.txt"
LICENSE = "CC0-1.0"


def load_corpus() -> str:
    """Toàn bộ kho văn bản, chuẩn hoá NFC, bỏ khoảng trắng thừa ở cuối."""
    raw = resources.files(__package__).joinpath(CORPUS_FILE).read_text(encoding="utf-8")
    return unicodedata.normalize("NFC", raw).strip() + "\n"


class CharVocab:
    """Bảng ký tự: mỗi ký tự xuất hiện trong ``text`` có một chỉ số, theo thứ tự Unicode."""

    def __init__(self, text: str):
        self.chars = sorted(set(text))
        self.index = {c: i for i, c in enumerate(self.chars)}

    def __len__(self) -> int:
        return len(self.chars)

    def encode(self, s: str) -> torch.Tensor:
        """Chuỗi → tensor chỉ số (N,). Báo lỗi nếu có ký tự lạ."""
        unknown = sorted(set(s) - set(self.index))
        if unknown:
            raise ValueError(f"Các ký tự không có trong bảng ký tự: {unknown}.")
        return torch.tensor([self.index[c] for c in s], dtype=torch.long)

    def decode(self, ids) -> str:
        """Tensor hoặc danh sách chỉ số → chuỗi."""
        return "".join(self.chars[int(i)] for i in ids)


def split(ids: torch.Tensor, val_fraction: float = 0.1):
    """Chia chuỗi chỉ số thành (huấn luyện, kiểm định): phần kiểm định là ``val_fraction`` cuối văn bản."""
    if not 0 < val_fraction < 1:
        raise ValueError(f"val_fraction phải nằm trong (0, 1), nhưng nhận được {val_fraction}.")
    n_val = max(1, int(len(ids) * val_fraction))
    return ids[:-n_val], ids[-n_val:]


def random_windows(ids: torch.Tensor, seq_len: int, batch_size: int, n_batches: int, seed: int) -> list:
    """``n_batches`` batch, mỗi batch gồm ``batch_size`` đoạn dài ``seq_len`` lấy ngẫu nhiên từ ``ids``.

    Trả về danh sách các cặp ``(x, y)``, mỗi cái (T, B) với T = ``seq_len``; ``y[t] = x[t + 1]``
    (ký tự cần đoán). Cùng ``seed`` thì cùng các đoạn.
    """
    if len(ids) < seq_len + 1:
        raise ValueError(f"Văn bản ({len(ids)} ký tự) ngắn hơn seq_len + 1 = {seq_len + 1}.")
    g = torch.Generator().manual_seed(seed)
    starts = torch.randint(0, len(ids) - seq_len, (n_batches, batch_size), generator=g)
    offsets = torch.arange(seq_len + 1)
    out = []
    for row in starts:
        chunk = ids[row.unsqueeze(0) + offsets.unsqueeze(1)]  # (T + 1, B)
        out.append((chunk[:-1], chunk[1:]))
    return out


def sequential_windows(ids: torch.Tensor, seq_len: int):
    """Cắt ``ids`` thành các đoạn liền nhau không chồng lấn, xếp thành một batch: ``(x, y)`` mỗi cái (T, B).

    Dùng để đánh giá: mỗi ký tự (trừ phần lẻ ở cuối) được đoán đúng một lần.
    """
    n = (len(ids) - 1) // seq_len
    if n < 1:
        raise ValueError(f"Văn bản ({len(ids)} ký tự) ngắn hơn seq_len + 1 = {seq_len + 1}.")
    x = ids[: n * seq_len].view(n, seq_len).t()  # (T, B)
    y = ids[1 : n * seq_len + 1].view(n, seq_len).t()
    return x, y
