"""Một cách viết cho mỗi cặp biến thể chính tả (quy ước ở CONTRIBUTING.md, mục "Chính tả").

- Dấu thanh đặt trên nguyên âm chính, kiểu mới: hoá, xoá, hoạ, hoà, tuỳ, khoẻ (không viết hóa, tùy...).
- Sau k và l viết y: kỳ, ký, kỹ, lý (không viết kì, kí, kĩ, lí).
- vectơ (không viết véc-tơ, véctơ).

Sửa tự động mọi tệp (rồi đọc lại phần thay đổi): ``python tests/docs/test_text_spelling.py``.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Mọi chữ người đọc thấy: trang, sổ tay, thuật ngữ, snippet (chú thích và chữ in ra), docstring và
# thông báo của rnnlab, README, CONTRIBUTING, tên mục trong mkdocs.yml.
FILES = sorted(
    {
        *(ROOT / "docs").rglob("*.md"),
        *(ROOT / "docs" / "notebooks").glob("*.py"),
        ROOT / "docs" / "_data" / "glossary.tsv",
        *(ROOT / "snippets").rglob("*.py"),
        *(ROOT / "rnnlab").rglob("*.py"),
        ROOT / "README.md",
        ROOT / "CONTRIBUTING.md",
        ROOT / "mkdocs.yml",
    }
)

# Dấu thanh kiểu cũ trên vần mở oa, oe, uy (hóa, khỏe, tùy): đặt dấu lên nguyên âm sau (hoá, khoẻ, tuỳ).
OLD_TONE = re.compile(r"(?<!\w)(\w*?)([òóỏõọ][ae]|[ùúủũụ]y)(?!\w)", re.I)
# Các từ viết bằng i mà quy ước chọn y, và cách viết vectơ.
WORDS = {
    "kì": "kỳ",
    "kí": "ký",
    "kĩ": "kỹ",
    "lí": "lý",
    "véc-tơ": "vectơ",
    "véctơ": "vectơ",
    "vec-tơ": "vectơ",
}
WORD = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, WORDS)) + r")(?!\w)", re.I)

_NEW_TONE = {"ò": "à", "ó": "á", "ỏ": "ả", "õ": "ã", "ọ": "ạ", "ù": "ỳ", "ú": "ý", "ủ": "ỷ", "ũ": "ỹ", "ụ": "ỵ"}


def preferred(word: str) -> str:
    """Cách viết theo quy ước của một từ viết sai quy ước."""
    lower = word.lower()
    if lower in WORDS:
        fixed = WORDS[lower]
    else:
        head, tail = OLD_TONE.fullmatch(lower).group(1, 2)
        plain = {"ò": "o", "ó": "o", "ỏ": "o", "õ": "o", "ọ": "o", "ù": "u", "ú": "u", "ủ": "u", "ũ": "u", "ụ": "u"}
        fixed = head + plain[tail[0]] + (_NEW_TONE[tail[0]] if tail[1] == "y" else _tone(tail[1], tail[0]))
    return fixed.capitalize() if word[0].isupper() else fixed


def _tone(vowel: str, marked: str) -> str:
    """``vowel`` (a hoặc e) mang dấu thanh của ``marked`` (ò, ó, ...)."""
    mark = unicodedata.normalize("NFD", marked)[1:]
    return unicodedata.normalize("NFC", vowel + mark)


SKIP = "<!-- chính tả: đối chiếu -->"  # dòng nêu chính cách viết cần tránh (bảng quy ước trong CONTRIBUTING)


def violations(text: str) -> list[tuple[int, str, str]]:
    out = []
    for n, line in enumerate(text.split("\n"), start=1):
        if SKIP in line:
            continue
        for m in list(OLD_TONE.finditer(line)) + list(WORD.finditer(line)):
            out.append((n, m.group(), preferred(m.group())))
    return out


def test_rules_catch_both_kinds_of_variant():
    found = violations("Mã hóa và xóa tùy ý, khỏe; kì vọng, kí tự, lí do, véc-tơ. Hoá, xoá, tuỳ, kỳ, vectơ.")
    assert [(w, p) for _, w, p in found] == [
        ("hóa", "hoá"),
        ("xóa", "xoá"),
        ("tùy", "tuỳ"),
        ("khỏe", "khoẻ"),
        ("kì", "kỳ"),
        ("kí", "ký"),
        ("lí", "lý"),
        ("véc-tơ", "vectơ"),
    ]
    assert preferred("họa") == "hoạ" and preferred("Tùy") == "Tuỳ" and preferred("Kì") == "Kỳ"
    assert not violations("kích thước, liên tục, hoàn toàn, quý, tuyệt, khoảng, loại")  # không bắt nhầm


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_one_spelling_per_variant_pair(path):
    hits = [f"{path.relative_to(ROOT)}:{n}: {w} → {p}" for n, w, p in violations(path.read_text(encoding="utf-8"))]
    assert not hits, "Viết theo quy ước chính tả (CONTRIBUTING.md, mục Chính tả):\n" + "\n".join(hits)


def fix(path: Path) -> int:
    """Sửa ``path`` theo quy ước; trả về số chỗ đã sửa."""
    text = path.read_text(encoding="utf-8")
    lines, count = text.split("\n"), 0
    for k, line in enumerate(lines):
        if SKIP not in line:
            line, n_old = OLD_TONE.subn(lambda m: preferred(m.group()), line)
            lines[k], n_word = WORD.subn(lambda m: preferred(m.group()), line)
            count += n_old + n_word
    if count:
        path.write_text("\n".join(lines), encoding="utf-8")
    return count


if __name__ == "__main__":
    for path in FILES:
        if count := fix(path):
            print(f"{path.relative_to(ROOT)}: sửa {count} chỗ")
