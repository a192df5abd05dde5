"""Bài dịch máy nhỏ chạy không cần mạng: số viết bằng chữ tiếng Anh → số viết bằng chữ tiếng Việt.

    >>> english(2005)
    'two thousand and five'
    >>> vietnamese(2005)
    'hai nghìn không trăm linh năm'

Cả hai phía được sinh đúng theo quy tắc, nên ta có bao nhiêu cặp câu cũng được, không cần tải gì:

- tiếng Việt: đọc từng nhóm ba chữ số (trăm, chục, đơn vị) rồi thêm "nghìn", "triệu", "tỷ";
  "linh" (hoặc "lẻ", chọn bằng ``variant``) khi hàng chục là 0, "mười" cho 10–19 và "mươi" từ 20,
  "mốt" (21, 31, ...), "tư" (24, 34, ...), "lăm" (15, 25, ...), "không trăm" ở nhóm không đứng đầu;
- tiếng Anh: kiểu Anh, có "and" trước phần dưới một trăm (105 "one hundred and five",
  2005 "two thousand and five").

``tokenize`` tách câu thành các từ (token); dấu gạch nối được coi như khoảng trắng, nên
"twenty-one" thành hai token ``["twenty", "one"]``. ``split_numbers`` chia các số thành tập huấn
luyện và tập kiểm tra không giao nhau (các số trong tập kiểm tra chưa từng được thấy khi huấn luyện),
``Vocab`` đổi token thành chỉ số và ngược lại.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence

from .._checks import check_integer

__all__ = [
    "vietnamese",
    "english",
    "tokenize",
    "split_numbers",
    "make_pairs",
    "Vocab",
    "PAD",
    "BOS",
    "EOS",
    "UNK",
    "MAX_NUMBER",
]

MAX_NUMBER = 10**12 - 1  # số lớn nhất đọc được: 999 tỷ ...

VI_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
VI_SCALES = ("", "nghìn", "triệu", "tỷ")

EN_ONES = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
EN_SCALES = ("", "thousand", "million", "billion")

PAD, BOS, EOS, UNK = "<pad>", "<bos>", "<eos>", "<unk>"


def _check_number(n) -> int:
    return check_integer("Số cần đọc", n, 0, MAX_NUMBER, wrong_type=TypeError)


def _groups(n: int) -> list:
    """Các nhóm ba chữ số, nhóm cao nhất trước: 1234567 → [1, 234, 567]."""
    groups = []
    while True:
        n, g = divmod(n, 1000)
        groups.append(g)
        if n == 0:
            return groups[::-1]


def _vi_group(g: int, leading: bool, linh: str) -> list:
    """Đọc một nhóm ba chữ số. Nhóm đứng đầu bỏ các số 0 ở trước; nhóm khác đọc đủ "không trăm"."""
    hundreds, tens, units = g // 100, g // 10 % 10, g % 10
    words = []
    if hundreds or not leading:
        words += [VI_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:  # có hàng trăm đứng trước: 105 "một trăm linh năm"
                words.append(linh)
            words.append(VI_DIGITS[units])  # sau "linh" giữ nguyên: "linh một", "linh bốn", "linh năm"
        return words
    if tens == 1:
        words.append("mười")  # 10–19: "mười", không có "một mươi"
        if units:
            words.append({5: "lăm"}.get(units, VI_DIGITS[units]))  # 15 "mười lăm", 11 "mười một"
        return words
    words += [VI_DIGITS[tens], "mươi"]
    if units:
        # sau "mươi": 21 "hai mươi mốt", 24 "hai mươi tư", 25 "hai mươi lăm"
        words.append({1: "mốt", 4: "tư", 5: "lăm"}.get(units, VI_DIGITS[units]))
    return words


def vietnamese(n: int, variant: str = "linh") -> str:
    """Số ``n`` (0 ≤ n < 10¹²) đọc bằng chữ tiếng Việt.

    ``variant``: ``"linh"`` (mặc định, 105 "một trăm linh năm") hoặc ``"lẻ"`` (105 "một trăm lẻ năm").
    Nhóm ba chữ số bằng 0 ở giữa được bỏ qua: 1000000 "một triệu", 1000005 "một triệu không trăm linh năm".
    """
    n = _check_number(n)
    if variant not in ("linh", "lẻ"):
        raise ValueError(f'variant phải là "linh" hoặc "lẻ", nhưng nhận được {variant!r}.')
    if n == 0:
        return VI_DIGITS[0]
    groups = _groups(n)
    words = []
    for k, g in enumerate(groups):
        if g == 0:
            continue
        words += _vi_group(g, leading=(k == 0), linh=variant)
        scale = VI_SCALES[len(groups) - 1 - k]
        if scale:
            words.append(scale)
    return " ".join(words)


def _en_below_100(n: int) -> str:
    if n < 20:
        return EN_ONES[n]
    tens, units = divmod(n, 10)
    return EN_TENS[tens] + ("-" + EN_ONES[units] if units else "")


def english(n: int) -> str:
    """Số ``n`` (0 ≤ n < 10¹²) đọc bằng chữ tiếng Anh kiểu Anh: 2005 "two thousand and five", 21 "twenty-one"."""
    n = _check_number(n)
    if n == 0:
        return EN_ONES[0]
    groups = _groups(n)
    parts = []
    for k, g in enumerate(groups):
        if g == 0:
            continue
        hundreds, rest = divmod(g, 100)
        words = []
        if hundreds:
            words.append(EN_ONES[hundreds] + " hundred")
        if rest:
            # "and" trước phần dưới một trăm: sau "hundred", hoặc ở nhóm cuối khi có nhóm lớn hơn đứng trước
            if hundreds or (k == len(groups) - 1 and parts):
                words.append("and")
            words.append(_en_below_100(rest))
        scale = EN_SCALES[len(groups) - 1 - k]
        parts.append(" ".join(words + ([scale] if scale else [])))
    return " ".join(parts)


def tokenize(text: str) -> list:
    """Tách câu thành token: theo khoảng trắng, dấu gạch nối coi như khoảng trắng."""
    return text.replace("-", " ").split()


def split_numbers(high: int = 100_000, n_train: int = 4000, n_test: int = 500, seed: int = 0):
    """Chọn ``n_train + n_test`` số khác nhau trong [0, high) và chia thành hai tập không giao nhau.

    Các số được chọn đều theo số chữ số (số có 1, 2, ..., d chữ số có phần gần bằng nhau, nhóm
    nào ít số hơn phần của nó thì lấy hết), để có đủ câu ngắn lẫn câu dài. Trả về
    ``(train, test)``: hai danh sách số nguyên, xác định theo ``seed``.
    """
    high = _check_number(high - 1) + 1
    total = n_train + n_test
    if n_train < 1 or n_test < 0 or total > high:
        raise ValueError(
            f"Cần 1 ≤ n_train và n_train + n_test ≤ high, nhưng nhận được n_train={n_train}, "
            f"n_test={n_test}, high={high}."
        )
    rng = random.Random(seed)
    # các nhóm theo số chữ số: [0, 10), [10, 100), [100, 1000), ... cắt tại high
    strata, lo = [], 0
    while lo < high:
        hi = min(high, 10 if lo == 0 else lo * 10)
        strata.append(range(lo, hi))
        lo = hi
    chosen, remaining = [], total
    for i, stratum in enumerate(sorted(strata, key=len)):
        quota = min(len(stratum), remaining // (len(strata) - i))
        chosen += rng.sample(stratum, quota)
        remaining -= quota
    rng.shuffle(chosen)
    return sorted(chosen[n_test:]), sorted(chosen[:n_test])


def make_pairs(numbers_: Iterable[int], variant: str = "linh") -> list:
    """Các cặp câu đã tách token ``(tiếng Anh, tiếng Việt)`` cho mỗi số."""
    return [(tokenize(english(n)), tokenize(vietnamese(n, variant))) for n in numbers_]


class Vocab:
    """Bảng từ: token ↔ chỉ số. Chỉ số 0, 1, 2, 3 luôn là ``<pad>``, ``<bos>``, ``<eos>``, ``<unk>``.

    Bảng từ lập từ tập huấn luyện; một token chưa từng gặp (ví dụ "zero" khi số 0 chỉ nằm trong tập
    kiểm tra) được mã hoá thành ``<unk>``, như trong các hệ dịch máy thật.
    """

    def __init__(self, sentences: Iterable[Sequence[str]]):
        words = sorted({w for s in sentences for w in s} - {PAD, BOS, EOS, UNK})
        self.itos = [PAD, BOS, EOS, UNK] + words
        self.stoi = {w: i for i, w in enumerate(self.itos)}

    def __len__(self) -> int:
        return len(self.itos)

    def encode(self, tokens: Sequence[str]) -> list:
        """Token → chỉ số; token lạ → chỉ số của ``<unk>`` (3)."""
        return [self.stoi.get(w, 3) for w in tokens]

    def decode(self, ids: Iterable[int]) -> list:
        """Chỉ số → token, dừng ở ``<eos>`` đầu tiên, bỏ ``<pad>`` và ``<bos>``."""
        out = []
        for i in ids:
            w = self.itos[int(i)]
            if w == EOS:
                break
            if w not in (PAD, BOS):
                out.append(w)
        return out
