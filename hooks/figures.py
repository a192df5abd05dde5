"""Hook MkDocs: thay các dấu ``rnnlab:`` trong trang bằng những gì snippet tính ra lúc dựng trang.

Hai dấu (chú thích HTML, nên trên GitHub chúng không hiện ra):

- ``<!-- rnnlab:run PATH -->`` đứng riêng một dòng: thành các hình snippet ``PATH`` vẽ (theo thứ tự
  số hình), rồi khối "Kết quả" chứa những gì nó in ra. Đặt ngay dưới khối mã dẫn snippet đó.
- ``<!-- rnnlab:value PATH NAME [FORMAT] -->`` ở giữa câu: thành giá trị của biến toàn cục ``NAME``
  của snippet, định dạng bằng format spec của Python (``.3f``, ``.1%``, ``.2e``...). ``NAME`` có thể
  đi sâu vào dict/list bằng dấu chấm: ``mse_by_cell.lstm``, ``losses.0``.

``PATH`` tính từ gốc repo (``snippets/gradient/x.py``). Dấu nằm trong khối mã (```` ``` ````) hoặc
trong mã nội dòng (`` `...` ``) được giữ nguyên, để trang hướng dẫn có thể trình bày cú pháp.

Snippet chạy qua ``hooks.runner.run_snippet`` (bộ nhớ đệm theo nội dung, dùng chung với kiểm thử),
song song trong ``on_files``; hình được phục vụ bằng ``File.generated``, không bao giờ ghi vào docs/.
Trang bị sửa giữa lúc đang dựng (``mkdocs serve``) có thể mang dấu mới: snippet đó chạy nốt trong
``on_page_markdown``.
Snippet lỗi, snippet không có, biến không có, dấu viết sai: bản dựng dừng với thông báo nêu rõ
trang, dòng, snippet (và traceback của snippet).
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import logging
import os
import posixpath
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hooks import fences, runner  # noqa: E402

log = logging.getLogger("mkdocs.plugins.rnnlab")
FIGURE_DIR = "figures"  # hình nằm ở site/figures/<mục>/<tên>-<k>.svg

_ANY = re.compile(r"<!--\s*rnnlab:(?P<kind>[\w-]*)(?P<args>.*?)-->")
_RUN_LINE = re.compile(r"^(?P<indent>[ \t]*)<!--\s*rnnlab:run\s+(?P<path>\S+)\s*-->\s*$")
KINDS = {"run", "value", "glossary"}  # "glossary" thuộc hooks/glossary.py


@dataclasses.dataclass
class Marker:
    kind: str  # "run" hoặc "value"
    line: int  # số dòng (từ 1) trong trang
    start: int  # vị trí trong dòng
    end: int
    path: str
    name: str = ""
    fmt: str = ""
    indent: str = ""
    offset: int = 0  # số dòng front matter trước ``line``: dòng trong tệp là ``line + offset``

    @property
    def file_line(self) -> int:
        return self.line + self.offset


def scan(text: str, where: str = "trang", offset: int = 0) -> list[Marker]:
    """Mọi dấu ``rnnlab:run`` / ``rnnlab:value`` trong ``text`` (ngoài khối mã); dấu viết sai thì báo lỗi.

    ``offset``: số dòng front matter đã cắt khỏi ``text`` (thông báo nêu dòng của tệp nguồn).
    """
    if "rnnlab:" not in text:
        return []
    lines = text.split("\n")
    markers = []
    for number, masked in fences.outside_code(text):
        for m in _ANY.finditer(masked):
            kind, args = m["kind"], m["args"].split()
            here = f"{where}:{number + offset}"
            if kind not in KINDS:
                raise PluginError(
                    f"{here}: dấu lạ <!-- rnnlab:{kind} ... -->; chỉ có rnnlab:run, rnnlab:value "
                    f"(và rnnlab:glossary trên trang thuật ngữ)."
                )
            if kind == "run":
                full = _RUN_LINE.match(lines[number - 1])
                if len(args) != 1 or not full:
                    raise PluginError(
                        f"{here}: dấu rnnlab:run phải đứng riêng một dòng, đúng dạng "
                        f"<!-- rnnlab:run snippets/<mục>/<tên>.py -->, nhưng gặp: {m.group()}"
                    )
                markers.append(Marker("run", number, m.start(), m.end(), args[0], indent=full["indent"], offset=offset))
            elif kind == "value":
                if len(args) not in (2, 3):
                    raise PluginError(
                        f"{here}: dấu rnnlab:value cần dạng <!-- rnnlab:value PATH NAME [FORMAT] -->, "
                        f"nhưng gặp: {m.group()}"
                    )
                fmt = args[2] if len(args) == 3 else ""
                markers.append(Marker("value", number, m.start(), m.end(), args[0], args[1], fmt, offset=offset))
    return markers


def lookup(values: dict, name: str):
    """Giá trị ``name`` trong ``values``; ``a.b.0`` đi vào dict/list lồng nhau. KeyError nếu không có.

    Khoá có dấu chấm cũng được: ``growth.1.5`` là ``growth["1.5"]`` (khoá dài nhất khớp được thắng).
    """
    parts, value, i = name.split("."), values, 0
    while i < len(parts):
        keys = [".".join(parts[i:j]) for j in range(len(parts), i, -1)]  # dài nhất trước
        key = next((k for k in keys if isinstance(value, dict) and k in value), None)
        part = parts[i]
        if key is not None:
            value, i = value[key], i + key.count(".") + 1
        elif isinstance(value, list) and part.lstrip("-").isdigit() and -len(value) <= int(part) < len(value):
            value, i = value[int(part)], i + 1
        else:
            raise KeyError(name)
    return value


def format_value(result: runner.SnippetResult, marker: Marker, where: str) -> str:
    try:
        value = lookup(result.values, marker.name)
    except KeyError:
        names = ", ".join(sorted(result.values)) or "(không có)"
        raise PluginError(
            f"{where}:{marker.file_line}: <!-- rnnlab:value {marker.path} {marker.name} ... --> nói tới "
            f"biến '{marker.name}', nhưng snippet {marker.path} không có biến đó. Các biến nó có: {names}"
        ) from None
    try:
        text = format(value, marker.fmt)
    except (ValueError, TypeError) as e:
        raise PluginError(
            f"{where}:{marker.file_line}: không định dạng được {marker.name} = {value!r} bằng '{marker.fmt}': {e}"
        ) from None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # cách viết số của tiếng Việt: dấu phẩy thập phân, dấu chấm ngăn nghìn (0,93; 1.000)
        text = text.translate(str.maketrans(".,", ",."))
    return text


def figure_uri(snippet: str, name: str) -> str:
    """``snippets/gradient/x.py`` + ``x-1.svg`` → ``figures/gradient/x-1.svg`` (đường dẫn trong trang web)."""
    folder = posixpath.dirname(runner.under_snippets(snippet))
    return posixpath.join(FIGURE_DIR, folder, name) if folder else posixpath.join(FIGURE_DIR, name)


def figure_size(data: bytes) -> tuple[int, int] | None:
    """Cỡ hiển thị tự nhiên (điểm ảnh CSS) của một hình SVG hoặc PNG, để trang giữ chỗ trước khi hình tải xong."""
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    head = data[:2000].decode("utf-8", "replace")
    svg = re.search(r"<svg\b[^>]*>", head)
    if not svg:
        return None
    units = {"pt": 4 / 3, "px": 1.0, "": 1.0, "in": 96.0}
    size = []
    for name in ("width", "height"):
        m = re.search(rf'\s{name}="([\d.]+)(pt|px|in|)"', svg.group())
        if not m:
            return None
        size.append(round(float(m.group(1)) * units[m.group(2)]))
    return size[0], size[1]


def run_block(result: runner.SnippetResult, page_uri: str, indent: str, first: int = 1) -> str:
    """Markdown thay cho ``<!-- rnnlab:run -->``: các hình, rồi khối "Kết quả" với những gì snippet in ra.

    Mỗi hình là một ``<figure>`` có chú thích "Hình N: <tiêu đề>" (``N`` đếm trong trang, bắt đầu từ
    ``first``), chữ thay thế là tiêu đề, cỡ ``width``/``height`` lấy từ tệp hình (trang không nhảy khi hình
    tải xong), và bấm vào hình thì mở tệp hình cỡ đầy đủ (đọc được trên điện thoại).
    """
    out = []
    here = posixpath.dirname(page_uri)
    for k, ((name, data), title) in enumerate(zip(result.figures, result.titles), start=first):
        alt = (title or f"Hình {k} do {result.path} vẽ").replace("$", "")
        alt = re.sub(r"([\[\]\\])", r"\\\1", alt)
        url = posixpath.relpath(figure_uri(result.path, name), here or ".")
        size = figure_size(data)
        attrs = f'width="{size[0]}" height="{size[1]}" ' if size else ""
        caption = f"Hình {k}: {title}" if title else f"Hình {k}"
        out += [
            '<figure class="rnnlab-hinh" markdown>',
            "",
            f'[![{alt}]({url}){{ {attrs}loading="lazy" }}]({url}){{ .rnnlab-hinh-mo title="Mở hình cỡ đầy đủ" }}',
            "",
            f"<figcaption markdown>{caption}</figcaption>",
            "</figure>",
            "",
        ]
    text = result.stdout.rstrip()
    if text:
        ticks = "`" * max(3, 1 + max((len(r) for r in re.findall(r"`+", text)), default=0))
        out += ['!!! ket-qua "Kết quả"', "", f"    {ticks}text"]
        out += [f"    {line}" if line.strip() else "" for line in text.splitlines()]
        out += [f"    {ticks}", ""]
    if not out:
        raise PluginError(f"{page_uri}: snippet {result.path} không vẽ hình nào và không in gì; bỏ dấu rnnlab:run đi.")
    return "\n".join(f"{indent}{line}" if line else "" for line in out)


# --- sự kiện MkDocs --------------------------------------------------------------------------------

_results: dict[str, runner.SnippetResult] = {}


def _resolve(path: str) -> Path:
    p = Path(path)
    return p if p.is_absolute() else ROOT / p


def places(where: list[str]) -> str:
    """``["a.md:3", "a.md:3", "a.md:9", "b.md:1"]`` → ``"a.md:3,9, b.md:1"`` (mỗi trang một lần, không lặp dòng)."""
    pages: dict[str, list[str]] = {}
    for w in where:
        page, _, line = w.rpartition(":")
        lines = pages.setdefault(page, [])
        if line not in lines:
            lines.append(line)
    return ", ".join(f"{page}:{','.join(lines)}" for page, lines in pages.items())


def run_all(uses: dict[str, list[str]]) -> dict[str, runner.SnippetResult]:
    """Chạy (hoặc lấy từ bộ nhớ đệm) mọi snippet trong ``uses`` = {snippet: [nơi dùng]}; lỗi gom lại một lần."""
    missing = [
        f"{places(where)}: không có snippet {path}" for path, where in uses.items() if not _resolve(path).is_file()
    ]
    if missing:
        raise PluginError("Dấu rnnlab nói tới snippet không tồn tại:\n" + "\n".join(missing))
    deps = runner.deps_hash()
    results, errors = {}, []
    cold = [p for p in uses if not runner.is_cached(_resolve(p), deps)]
    if cold:
        log.info(f"Chạy {len(cold)} snippet chưa có trong bộ nhớ đệm (lần dựng đầu tiên mất vài phút)…")
    workers = max(1, min(len(uses), os.cpu_count() or 1))
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        futures = {pool.submit(runner.run_snippet, _resolve(p), deps=deps): p for p in uses}
        done = 0
        for future in concurrent.futures.as_completed(futures):
            path = futures[future]
            done += path in cold
            try:
                results[path] = future.result()
                if path in cold:
                    seconds = f"{results[path].seconds:.1f}".replace(".", ",")
                    log.info(f"Đã chạy snippet {done}/{len(cold)}: {path} ({seconds} s)")
            except runner.SnippetError as e:
                errors.append(f"[{places(uses[path])}] {e}")
            except Exception as e:  # hết giờ, không đọc được kết quả...
                errors.append(f"[{places(uses[path])}] Snippet {path}: {type(e).__name__}: {e}")
    if errors:
        raise PluginError("Có snippet chạy lỗi, nên không dựng trang:\n\n" + "\n\n".join(sorted(errors)))
    return results


def _run_into(uses: dict[str, list[str]], files, config) -> None:
    """Chạy các snippet chưa có kết quả trong lần dựng này và thêm hình của chúng vào ``files``."""
    todo = {path: where for path, where in uses.items() if path not in _results}
    if not todo:
        return
    _results.update(run_all(todo))
    for path in sorted(todo):
        result = _results[path]
        for name, data in result.figures:
            uri = figure_uri(result.path, name)
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, content=data))


def on_files(files, config):
    # Chạy trước, song song, mọi snippet mà các trang nhắc tới; hình được thêm vào trang web ở đây.
    _results.clear()
    uses: dict[str, list[str]] = {}
    for f in files.documentation_pages():
        if f.src_uri.endswith(".md"):
            for m in scan(f.content_string, f"docs/{f.src_uri}"):
                uses.setdefault(m.path, []).append(f"docs/{f.src_uri}:{m.line}")
    _run_into(uses, files, config)
    return files


def on_page_markdown(markdown, page, config, files):
    uri = page.file.src_uri
    if not uri.endswith(".md"):
        return markdown
    markers = scan(markdown, f"docs/{uri}", fences.line_offset(page.file.content_string, markdown))
    if not markers:
        return markdown
    # Trang sửa trong lúc đang dựng (mkdocs serve) có thể có dấu mới: chạy nốt ở đây.
    uses: dict[str, list[str]] = {}
    for m in markers:
        uses.setdefault(m.path, []).append(f"docs/{uri}:{m.file_line}")
    _run_into(uses, files, config)
    lines = markdown.split("\n")
    by_line: dict[int, list[Marker]] = {}
    for m in markers:
        by_line.setdefault(m.line, []).append(m)
    figure_number = 1  # hình đánh số trong trang theo thứ tự xuất hiện
    for number, found in sorted(by_line.items()):
        line = lines[number - 1]
        for m in sorted(found, key=lambda m: m.start, reverse=True):
            result = _results[m.path]
            if m.kind == "run":
                line = run_block(result, uri, m.indent, figure_number)
                figure_number += len(result.figures)
            else:
                line = line[: m.start] + format_value(result, m, f"docs/{uri}") + line[m.end :]
        lines[number - 1] = line
    return "\n".join(lines)
