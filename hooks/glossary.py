"""Hook MkDocs: bảng thuật ngữ và chú giải khi rê chuột, cả hai từ một tệp duy nhất ``docs/_data/glossary.tsv``.

Tệp TSV có năm cột phân cách bằng tab: ``english``, ``vietnamese`` (từ dùng trên trang), ``synonyms``
(cũng gặp, cách nhau bằng ``;``), ``avoid`` (không dùng), ``note``. Một ô có thể chứa vài thuật ngữ cách
nhau bằng `` / `` (cặp với cột tiếng Anh theo thứ tự khi số lượng bằng nhau); phần trong ngoặc là phần
giải thích. Các cột trống ở cuối dòng có thể bỏ (trình soạn thảo hay xoá tab thừa cuối dòng); tệp được
chuẩn hoá NFC khi đọc (chữ gõ bằng dấu tổ hợp cũng khớp).

- Trên trang có dấu ``<!-- rnnlab:glossary -->`` (docs/thuat-ngu.md), dấu đó thành bảng thuật ngữ.
- Từ trong cột ``avoid`` xuất hiện trong trang, snippet, sổ tay hay docstring của rnnlab: bản dựng cảnh
  báo (nêu tệp, dòng và từ nên dùng); ``tests/docs/test_site_glossary.py`` là phép kiểm chính thức.
- Mọi trang khác: mỗi thuật ngữ tiếng Việt có chú giải (tiếng Anh) khi rê chuột, nhờ tuỳ chọn
  ``glossary`` của phần mở rộng ``abbr`` (Material hiện nó thành tooltip). Thuật ngữ một âm tiết
  (``chuỗi``, ``cổng``...) và thuật ngữ trùng tiếng Anh (``gradient``) không có chú giải để trang
  khỏi rối; chữ viết tắt viết hoa (``LSTM``, ``GRU``) thì có. Chỉ lần xuất hiện đầu tiên của mỗi thuật
  ngữ trên một trang mang chú giải (như liên kết ở lần nhắc đầu): trang dài nhắc một thuật ngữ hàng chục lần,
  và mỗi ``<abbr>`` là một tooltip Material phải gắn lúc tải trang.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import logging
import re
import unicodedata
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "docs" / "_data" / "glossary.tsv"
MARKER = re.compile(r"^[ \t]*<!--\s*rnnlab:glossary\s*-->[ \t]*$", re.M)
COLUMNS = ["english", "vietnamese", "synonyms", "avoid", "note"]
log = logging.getLogger("mkdocs.plugins.rnnlab")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def display(path: Path) -> str:
    """Đường dẫn tính từ gốc repo nếu nằm trong repo, nếu không thì đường dẫn tuyệt đối."""
    path = Path(path).resolve()
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.as_posix()


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


def _columns_problem(row: list[str]) -> str:
    return (
        f"tìm thấy {len(row)} trong {len(COLUMNS)} cột phân cách bằng tab ({', '.join(COLUMNS)}); "
        f"nếu trình soạn thảo đã đổi tab thành dấu cách, đổi lại (.editorconfig giữ tab cho *.tsv)"
    )


def load(path: Path = DATA) -> list[Entry]:
    """Đọc bảng thuật ngữ; dòng thiếu hai cột đầu, thừa cột, hoặc thuật ngữ trùng làm bản dựng dừng.

    Dòng thiếu các cột cuối (``note``, ``avoid``...) được coi là các cột đó trống.
    """
    where = display(path)
    text = nfc(Path(path).read_text(encoding="utf-8"))
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or rows[0] != COLUMNS:
        header = rows[0] if rows else []
        raise PluginError(
            f"{where}:1: dòng đầu phải là tên các cột {COLUMNS}, nhưng {_columns_problem(header)}: {header}"
        )
    entries, seen = [], {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if not 2 <= len(row) <= len(COLUMNS):
            raise PluginError(f"{where}:{number}: {_columns_problem(row)}: {row}")
        row = row + [""] * (len(COLUMNS) - len(row))
        if not row[0].strip() or not row[1].strip():
            raise PluginError(f"{where}:{number}: hai cột đầu (english, vietnamese) không được trống: {row}")
        entry = Entry(row[0].strip(), row[1].strip(), _split(row[2]), _split(row[3]), row[4].strip())
        for term, _, _ in entry.terms():
            if term in seen:
                raise PluginError(f"{where}:{number}: thuật ngữ '{term}' đã có ở dòng {seen[term]}")
            seen[term] = number
        entries.append(entry)
    return entries


def checked_files(root: Path = ROOT) -> list[Path]:
    """Các tệp không được dùng từ cần tránh: trang, sổ tay, snippet, mã (docstring, thông báo) của rnnlab."""
    return sorted(
        {
            *(root / "docs").rglob("*.md"),
            *(root / "docs" / "notebooks").rglob("*.py"),
            *(root / "snippets").rglob("*.py"),
            *(root / "rnnlab").rglob("*.py"),
        }
    )


def avoided_pattern(term: str) -> re.Pattern:
    """Từ cần tránh đứng riêng (không nằm trong từ khác); viết thường thì không phân biệt hoa thường."""
    term = nfc(term)
    flags = re.I if term == term.lower() else 0  # từ có chữ hoa (như "Grus"): đúng như viết
    return re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)", flags)


def avoided_uses(text: str, pattern: re.Pattern) -> list[tuple[int, str]]:
    """[(số dòng, dòng)] của ``text`` (chuẩn hoá NFC trước) có từ ``pattern``."""
    return [(n, line.strip()) for n, line in enumerate(nfc(text).split("\n"), start=1) if pattern.search(line)]


def preferred(entry: Entry) -> str:
    """Từ nên dùng thay cho các từ ``avoid`` của ``entry``: cột ``vietnamese``, bỏ phần trong ngoặc."""
    return " / ".join(term for term, _, _ in entry.terms())


def check_avoided(entries: list[Entry], texts: dict[str, str]) -> list[str]:
    """Một thông báo cho mỗi lần một từ cần tránh xuất hiện trong ``texts`` = {tên tệp: nội dung}."""
    found = []
    texts = {name: nfc(text) for name, text in texts.items()}
    for entry in entries:
        for term in entry.avoid:
            pattern = avoided_pattern(term)
            for name, text in texts.items():
                for n, _ in avoided_uses(text, pattern) if pattern.search(text) else []:
                    found.append(
                        f"{name}:{n}: '{term}' nằm trong cột avoid của {display(DATA)}; "
                        f"dùng '{preferred(entry)}' (tiếng Anh: {entry.english})"
                    )
    return found


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


def on_files(files, config):
    # Từ cần tránh: các trang (cả sổ tay) của bản dựng này, và snippets/, rnnlab/ cạnh mkdocs.yml.
    root = Path(config.config_file_path).parent
    texts = {f"docs/{f.src_uri}": f.content_string for f in files.documentation_pages()}
    for path in (*(root / "snippets").rglob("*.py"), *(root / "rnnlab").rglob("*.py")):
        texts[display(path)] = path.read_text(encoding="utf-8")
    for problem in check_avoided(_entries, texts):
        log.warning(problem)
    return files


_ABBR = re.compile(r'<abbr title="(?P<title>[^"]*)">(?P<text>.*?)</abbr>', re.S)
_HEADING = re.compile(r"<h[1-6][\s>].*?</h[1-6]>", re.S)


def first_only(html: str) -> str:
    """Giữ ``<abbr>`` ở lần đầu mỗi chú giải trong thân trang; các lần sau chỉ còn chữ.

    Chú giải trong tiêu đề giữ nguyên và không tính là lần đầu: người đọc gặp thuật ngữ trong câu văn.
    """
    headings = [m.span() for m in _HEADING.finditer(html)]
    seen: set[str] = set()

    def keep_first(m):
        if any(a <= m.start() < b for a, b in headings):
            return m[0]
        if m["title"] in seen:
            return m["text"]
        seen.add(m["title"])
        return m[0]

    return _ABBR.sub(keep_first, html)


def on_page_content(html, page, config, files):
    return first_only(html)


def on_page_markdown(markdown, page, config, files):
    if "rnnlab:glossary" not in markdown or not MARKER.search(markdown):
        return markdown
    # Trang thuật ngữ: bảng thay cho dấu, và tắt chú giải ở đây (bảng đã nói hết).
    off = "\n".join(f'*[{term}]: ""' for term in config.mdx_configs["abbr"]["glossary"])
    return MARKER.sub(lambda _: table(_entries), markdown, count=1) + "\n\n" + off + "\n"
