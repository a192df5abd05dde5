"""Hook MkDocs: tìm kiếm của Material hiểu câu gõ không dấu, thuật ngữ tiếng Anh, và chạy được không cần máy chủ.

Nhiều người đọc gõ không dấu ("cat gradient", "dao ham") hoặc biết thuật ngữ tiếng Anh trước ("gradient
clipping"). Material dựng chỉ mục lunr trong một worker, với ``lunr.vi`` (tệp
``assets/javascripts/lunr/min/lunr.vi.min.js``): sau khi dựng, hook ghép vào tệp đó ``hooks/search_fold.js``
(gấp dấu ở chỉ mục và câu hỏi, đ → d; mở rộng câu hỏi bằng bảng thuật ngữ ``docs/_data/glossary.tsv``).

Mở trang từ ``file://`` (bản sao ngoại tuyến): Material đọc chỉ mục từ ``search/search_index.js`` (hook viết
tệp đó), và worker chạy trong iframe nhờ ``iframe-worker`` (npm, chỉ thay ``Worker`` khi địa chỉ là
``file:``). Shim đó (1,4 KB) được viết thẳng vào ``<head>`` mỗi trang thay vì một ``<script src>`` chặn hiển
thị, cùng ``hooks/search_defer.js``: chỉ mục (~110 KB nén) chỉ tải khi người đọc mở ô tìm kiếm. Trang thuật ngữ được xếp sau (``search.boost``): nó chứa mọi thuật ngữ, còn người
tìm "gradient clipping" muốn mục giảng giải "cắt gradient".
"""

from __future__ import annotations

import functools
import json
import sys
import unicodedata
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hooks import assets, glossary  # noqa: E402

LUNR_VI = "assets/javascripts/lunr/min/lunr.vi.min.js"
FOLD_JS = ROOT / "hooks" / "search_fold.js"
DEFER_JS = ROOT / "hooks" / "search_defer.js"
SHIM = "vendor/iframe-worker/shim/index.js"
GLOSSARY_PAGE_BOOST = 0.1


def fold(text: str) -> str:
    """Bỏ dấu tiếng Việt (cả đ → d), như ``fold`` trong search_fold.js."""
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not ("\u0300" <= c <= "\u036f"))
    return text.replace("đ", "d").replace("Đ", "D")


def glossary_map(entries: list[glossary.Entry]) -> dict[str, list[str]]:
    """{thuật ngữ tiếng Anh (bỏ dấu, chữ thường): các từ của thuật ngữ tiếng Việt dùng trên trang (chữ thường)}."""
    out: dict[str, list[str]] = {}
    for entry in entries:
        for term, english, _ in entry.terms():
            english = fold(english.lower()).strip()
            if english and fold(term.lower()) != english:
                out.setdefault(english, term.lower().split())
    return out


def on_config(config):
    if not any(p == "search" or p.endswith("/search") for p in config.plugins):
        raise PluginError("hooks/search.py cần plugin search của Material trong mkdocs.yml.")
    return config


def on_page_markdown(markdown, page, config, files):
    # Trang thuật ngữ (bảng sinh từ glossary.tsv) chứa mọi thuật ngữ: xếp nó sau các mục thật sự giảng giải.
    if glossary.MARKER.search(page.file.content_string):  # dấu đã thành bảng (hooks/glossary.py chạy trước)
        page.meta.setdefault("search", {}).setdefault("boost", GLOSSARY_PAGE_BOOST)
    return markdown


@functools.cache  # một lần mỗi bản dựng (MkDocs nạp lại hook mỗi lần dựng), không phải mỗi trang
def head_scripts() -> str:
    """Hai thẻ ``<script>`` cuối ``<head>``: shim Web Worker cho file:// và việc hoãn tải chỉ mục."""
    shim = [src.read_text(encoding="utf-8") for src in assets.vendor_files([SHIM]).values()]
    return "".join(assets.inline_script(text) for text in [*shim, DEFER_JS.read_text(encoding="utf-8")])


def on_post_page(output, page, config):
    return output.replace("</head>", head_scripts() + "</head>", 1)


def _theme_file(config, uri: str) -> Path:
    for folder in config.theme.dirs:
        path = Path(folder) / uri
        if path.is_file():
            return path
    raise PluginError(f"Không thấy {uri} trong giao diện Material (phiên bản Material đã đổi?).")


def on_post_build(config):
    site = Path(config.site_dir)
    index = site / "search" / "search_index.json"
    if not index.is_file():
        raise PluginError("Plugin search không viết search/search_index.json.")
    patch = FOLD_JS.read_text(encoding="utf-8").replace(
        "__GLOSSARY__", json.dumps(glossary_map(glossary.load()), ensure_ascii=False, sort_keys=True)
    )
    original = _theme_file(config, LUNR_VI).read_text(encoding="utf-8")
    (site / LUNR_VI).write_text(original.rstrip() + "\n" + patch, encoding="utf-8")
    # file://: Material nạp chỉ mục bằng thẻ <script> (biến __index) vì không fetch được.
    (site / "search" / "search_index.js").write_text(
        "var __index = " + index.read_text(encoding="utf-8"), encoding="utf-8"
    )
