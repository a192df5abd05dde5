"""Hook MkDocs: bảng thuật ngữ và chú giải khi rê chuột, cả hai từ một tệp duy nhất ``docs/_data/glossary.tsv``.

Tệp TSV có năm cột: ``english``, ``vietnamese`` (từ dùng trên trang), ``synonyms`` (cũng gặp, cách nhau
bằng ``;``), ``avoid`` (không dùng), ``note``. Một ô có thể chứa vài thuật ngữ cách nhau bằng `` / ``
(cặp với cột tiếng Anh theo thứ tự khi số lượng bằng nhau); phần trong ngoặc là phần giải thích.

- Trên trang có dấu ``<!-- rnnlab:glossary -->`` (docs/thuat-ngu.md), dấu đó thành bảng thuật ngữ.
- Mọi trang khác: mỗi thuật ngữ tiếng Việt có chú giải (tiếng Anh) khi rê chuột, nhờ tuỳ chọn
  ``glossary`` của phần mở rộng ``abbr`` (Material hiện nó thành tooltip). Thuật ngữ một âm tiết
  (``chuỗi``, ``cổng``...) và thuật ngữ trùng tiếng Anh (``gradient``) không có chú giải để trang
  khỏi rối; chữ viết tắt viết hoa (``LSTM``, ``GRU``) thì có.
"""

from __future__ import annotations

import csv
import dataclasses
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "docs" / "_data" / "glossary.tsv"
MARKER = re.compile(r"^[ \t]*<!--\s*rnnlab:glossary\s*-->[ \t]*$", re.M)
COLUMNS = ["english", "vietnamese", "synonyms", "avoid", "note"]


@dataclasses.dataclass
class Entry:
    english: str
    vietnamese: str
    synonyms: list[str]
    avoid: list[str]
    note: str

    def terms(self) -> list[tuple[str, str, str]]:
        """[(thuật ngữ, tiếng Anh tương ứng, phần trong ngoặc)] của cột ``vietnamese``."""
        vi = [t.strip() for t in self.vietnamese.split(" / ")]
        en = [t.strip() for t in self.english.split(" / ")]
        if len(en) != len(vi):
            en = [self.english] * len(vi)
        out = []
        for term, english in zip(vi, en):
            m = re.fullmatch(r"(?P<term>.+?)\s*\((?P<paren>.+)\)", term)
            out.append((m["term"], english, m["paren"]) if m else (term, english, ""))
        return out


def _split(cell: str) -> list[str]:
    return [s.strip() for s in cell.split(";") if s.strip()]


def load(path: Path = DATA) -> list[Entry]:
    """Đọc bảng thuật ngữ; dòng thiếu cột hoặc thuật ngữ trùng làm bản dựng dừng."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or rows[0] != COLUMNS:
        raise PluginError(f"{path.name}: dòng đầu phải là các cột {COLUMNS}, nhưng là {rows[:1]}")
    entries, seen = [], {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(row):
            continue
        if len(row) != len(COLUMNS) or not row[0].strip() or not row[1].strip():
            raise PluginError(f"{path.name}:{number}: cần {len(COLUMNS)} cột và hai cột đầu không trống: {row}")
        entry = Entry(row[0].strip(), row[1].strip(), _split(row[2]), _split(row[3]), row[4].strip())
        for term, _, _ in entry.terms():
            if term in seen:
                raise PluginError(f"{path.name}:{number}: thuật ngữ '{term}' đã có ở dòng {seen[term]}")
            seen[term] = number
        entries.append(entry)
    return entries


def tooltips(entries: list[Entry]) -> dict[str, str]:
    """{thuật ngữ: chú giải} cho phần mở rộng abbr (cả dạng viết hoa chữ đầu, cho đầu câu)."""
    out = {}
    for entry in entries:
        for term, english, paren in entry.terms():
            if term.lower() == english.lower() or (" " not in term and not term.isupper()):
                continue
            title = f"tiếng Anh: {english}"
            if paren and paren.lower() not in english.lower():
                title += f" — {paren}"
            out[term] = title
            out.setdefault(term[0].upper() + term[1:], title)
    return out


def table(entries: list[Entry]) -> str:
    """Bảng Markdown của trang thuật ngữ, theo thứ tự trong tệp."""

    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    lines = [
        "| Tiếng Anh | Dùng trên trang này | Cũng gặp | Tránh dùng | Ghi chú |",
        "| --- | --- | --- | --- | --- |",
    ]
    for e in entries:
        lines.append(
            f"| {cell(e.english)} | **{cell(e.vietnamese)}** | {cell('; '.join(e.synonyms))} "
            f"| {cell('; '.join(f'~~{a}~~' for a in e.avoid))} | {cell(e.note)} |"
        )
    return "\n".join(lines)


_entries: list[Entry] = []


def on_config(config):
    _entries[:] = load()
    if "abbr" not in config.markdown_extensions:
        raise PluginError("hooks/glossary.py cần phần mở rộng 'abbr' trong markdown_extensions của mkdocs.yml.")
    config.mdx_configs.setdefault("abbr", {})["glossary"] = tooltips(_entries)
    return config


def on_page_markdown(markdown, page, config, files):
    if "rnnlab:glossary" not in markdown or not MARKER.search(markdown):
        return markdown
    # Trang thuật ngữ: bảng thay cho dấu, và tắt chú giải ở đây (bảng đã nói hết).
    off = "\n".join(f'*[{term}]: ""' for term in config.mdx_configs["abbr"]["glossary"])
    return MARKER.sub(lambda _: table(_entries), markdown, count=1) + "\n\n" + off + "\n"
