"""Bộ dữ liệu phân tích cảm xúc tiếng Việt, viết riêng cho dự án (tệp ``sentiment_vi.tsv``).

750 câu ngắn kiểu bình luận trên mạng xã hội về đồ ăn, điện thoại, cửa hàng, phim, giao hàng,
khách sạn, học tập, thời tiết, ứng dụng và quán cà phê; 250 câu cho mỗi nhãn
``tiêu cực`` / ``trung tính`` / ``tích cực``. Giấy phép CC0 1.0 (xem ``SENTIMENT_LICENSE.md``).

Mỗi dòng của tệp có năm cột, phân cách bằng tab: ``text``, ``label`` (``tieu_cuc``, ``trung_tinh``,
``tich_cuc``), ``split`` (``train`` hoặc ``test``, cố định trong tệp: khoảng 3/4 và 1/4, chia đều theo
nhãn), ``topic`` và ``tags``: các hiện tượng có trong câu, phân cách bằng dấu phẩy (``-`` khi không có):

- ``phu_dinh``: có phủ định (``không``, ``chẳng``, ``chưa``), ví dụ "phòng không hề sạch sẽ";
- ``tuong_phan``: hai vế nối bằng ``nhưng``; quy ước gán nhãn: vế sau ``nhưng`` quyết định,
  ví dụ "giá hơi đắt nhưng phở ngon" là tích cực, "phở ngon nhưng giá đắt quá" là tiêu cực;
- ``nhan_manh``: có từ nhấn mạnh (``rất``, ``quá``, ``cực kỳ``, ``siêu``, ``lắm``...);
- ``khong_dau``: viết không dấu, như khi gõ vội trên điện thoại ("do an ngon qua").

Dòng bắt đầu bằng ``#`` là chú thích (giấy phép) và được bỏ qua.

Cách dùng::

    from rnnlab.datasets import sentiment
    train, test = sentiment.load("train"), sentiment.load("test")
    vocab = sentiment.build_vocab(train)
    ids, lengths = sentiment.encode(train, vocab)      # (B, T), (B,)
    y = sentiment.labels(train)                        # (B,) giá trị 0, 1, 2
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from importlib import resources

import torch

DATA_FILE = "sentiment_vi.tsv"
LICENSE = "CC0-1.0"
LABEL_CODES = ("tieu_cuc", "trung_tinh", "tich_cuc")
LABELS = ("tiêu cực", "trung tính", "tích cực")  # tên hiển thị, theo chỉ số nhãn 0, 1, 2
TAGS = ("phu_dinh", "tuong_phan", "nhan_manh", "khong_dau")
SPLITS = ("train", "test")
PAD, UNK = "<pad>", "<unk>"  # chỉ số 0 và 1 trong mọi từ điển


@dataclasses.dataclass(frozen=True)
class Example:
    """Một câu: ``label`` là chỉ số trong ``LABELS``; ``tags`` là tập các hiện tượng trong ``TAGS``."""

    text: str
    label: int
    split: str
    topic: str
    tags: frozenset


def data_text() -> str:
    """Toàn bộ nội dung tệp dữ liệu (cả dòng chú thích giấy phép)."""
    return resources.files(__package__).joinpath(DATA_FILE).read_text(encoding="utf-8")


def load(split: str | None = None) -> list:
    """Đọc tệp dữ liệu và trả về danh sách ``Example`` theo thứ tự trong tệp.

    ``split``: ``"train"``, ``"test"`` hoặc ``None`` (cả hai).
    """
    if split is not None and split not in SPLITS:
        raise ValueError(f"split phải là 'train', 'test' hoặc None, nhưng nhận được {split!r}.")
    lines = [line for line in data_text().splitlines() if line and not line.startswith("#")]
    header = lines[0].split("\t")
    if header != ["text", "label", "split", "topic", "tags"]:
        raise ValueError(f"Tiêu đề cột của {DATA_FILE} không đúng: {header}.")
    out = []
    for number, line in enumerate(lines[1:], start=2):
        text, code, part, topic, tags = line.split("\t")
        if code not in LABEL_CODES or part not in SPLITS:
            raise ValueError(f"Dòng {number} của {DATA_FILE} có nhãn {code!r} hoặc phần {part!r} không hợp lệ.")
        tag_set = frozenset() if tags == "-" else frozenset(tags.split(","))
        if split is None or part == split:
            out.append(Example(unicodedata.normalize("NFC", text), LABEL_CODES.index(code), part, topic, tag_set))
    return out


def tokenize(text: str) -> list:
    """Tách câu thành các âm tiết: chữ thường, bỏ dấu câu (tiếng Việt viết cách nhau theo âm tiết)."""
    return re.findall(r"\w+", unicodedata.normalize("NFC", text).lower())


def build_vocab(examples: Iterable[Example], min_count: int = 1) -> dict:
    """Từ điển âm tiết → chỉ số, lấy từ ``examples`` (thường là tập huấn luyện).

    ``<pad>`` = 0, ``<unk>`` = 1 (âm tiết không có trong từ điển); các âm tiết còn lại theo thứ tự
    tần suất giảm dần rồi theo chữ cái, nên cùng dữ liệu luôn cho cùng từ điển.
    """
    counts = Counter(tok for ex in examples for tok in tokenize(ex.text))
    kept = sorted((t for t, c in counts.items() if c >= min_count), key=lambda t: (-counts[t], t))
    return {tok: i for i, tok in enumerate([PAD, UNK] + kept)}


def encode(examples: Sequence[Example], vocab: dict):
    """Chuỗi chỉ số âm tiết, đệm bằng 0 ở cuối: trả về ``(ids (B, T), lengths (B,))``, T là độ dài lớn nhất."""
    seqs = [[vocab.get(tok, vocab[UNK]) for tok in tokenize(ex.text)] or [vocab[UNK]] for ex in examples]
    T = max(len(s) for s in seqs)
    ids = torch.zeros(len(seqs), T, dtype=torch.long)
    for b, s in enumerate(seqs):
        ids[b, : len(s)] = torch.tensor(s)
    return ids, torch.tensor([len(s) for s in seqs])


def bag_of_words(examples: Sequence[Example], vocab: dict) -> torch.Tensor:
    """Số lần xuất hiện của mỗi âm tiết trong mỗi câu: (B, V). Mất hết thông tin về thứ tự từ."""
    ids, lengths = encode(examples, vocab)
    counts = torch.zeros(len(examples), len(vocab))
    counts.scatter_add_(1, ids, (ids != 0).float())
    counts[:, 0] = 0  # bỏ cột <pad>
    return counts


def labels(examples: Sequence[Example]) -> torch.Tensor:
    """Nhãn dạng tensor (B,), giá trị trong {0, 1, 2}."""
    return torch.tensor([ex.label for ex in examples])


def has_tag(examples: Sequence[Example], tag: str) -> torch.Tensor:
    """Mặt nạ bool (B,): câu nào có hiện tượng ``tag``."""
    if tag not in TAGS:
        raise ValueError(f"tag phải là một trong {TAGS}, nhưng nhận được {tag!r}.")
    return torch.tensor([tag in ex.tags for ex in examples])


def minibatches(n: int, batch_size: int, seed: int, epoch: int = 0) -> list:
    """Chia chỉ số 0..n−1 thành các batch ngẫu nhiên; cùng ``seed`` và ``epoch`` thì cùng cách chia."""
    g = torch.Generator().manual_seed(seed * 100_003 + epoch)
    perm = torch.randperm(n, generator=g)
    return list(perm.split(batch_size))
