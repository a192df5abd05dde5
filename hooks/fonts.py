"""Hook MkDocs: phông chữ tự phục vụ, chỉ những tệp chữ tiếng Việt cần (docs/stylesheets/fonts.css).

- Mọi ``url(../vendor/...)`` trong fonts.css là tệp của node_modules: hook thêm chúng vào bản dựng
  (như hooks/assets.py làm với các mục ``vendor/`` của mkdocs.yml).
- Mỗi trang báo trước (``<link rel="preload">``) hai tệp phông chính (Noto Sans, tập con latin và
  vietnamese), để chữ hiện bằng phông đúng sớm nhất có thể và không nhảy khi phông tới.
- Các phông được báo trước (hai tệp Noto Sans ở đây, KaTeX_Main và KaTeX_Math ở hooks/math.py) và Noto Sans
  Mono được cắt còn đúng các ký tự có trong trang đã dựng (``SUBSET``): bốn tệp báo trước 94 → 58 KB.
  Ký tự không có trong tệp đã cắt (người đọc gõ vào ô tìm kiếm chẳng hạn) hiện bằng phông của máy.
"""

from __future__ import annotations

import hashlib
import html
import importlib.metadata
import io
import posixpath
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hooks import assets, math, runner  # noqa: E402

FONTS_CSS = "stylesheets/fonts.css"
# Chữ của trang: tập con latin và vietnamese của Noto Sans, cả hai có trên mọi trang; báo trước cả hai để chữ
# không đổi phông (và nhảy dòng) khi tập con thứ hai tới muộn.
PRELOAD = [
    "vendor/@fontsource-variable/noto-sans/files/noto-sans-latin-wght-normal.woff2",
    "vendor/@fontsource-variable/noto-sans/files/noto-sans-vietnamese-wght-normal.woff2",
]
# Phông cắt theo ký tự của trang: các phông được báo trước (tải trước lần vẽ đầu, nên mỗi KB đều tính) và
# chữ của mã (Noto Sans Mono, tải ngay khi trang có khối mã).
SUBSET = [
    *PRELOAD,
    "vendor/@fontsource-variable/noto-sans-mono/files/noto-sans-mono-latin-wght-normal.woff2",
    "vendor/@fontsource-variable/noto-sans-mono/files/noto-sans-mono-vietnamese-wght-normal.woff2",
    *math.PRELOAD_FONTS,
]
CACHE = ROOT / ".cache" / "fonts"


def font_files(css_text: str) -> list[str]:
    """Đường dẫn trong trang (``vendor/...``) của các tệp mà fonts.css trỏ tới."""
    out = []
    for ref in assets.css_references(css_text):
        uri = posixpath.normpath(posixpath.join(posixpath.dirname(FONTS_CSS), ref))
        if not uri.startswith(assets.PREFIX):
            raise PluginError(f"docs/{FONTS_CSS}: {ref} phải là tệp trong node_modules (../vendor/...).")
        out.append(uri)
    return out


def on_config(config):
    if FONTS_CSS not in [str(c) for c in config.extra_css]:
        raise PluginError(f"hooks/fonts.py cần {FONTS_CSS} trong extra_css của mkdocs.yml.")
    return config


def on_files(files, config):
    css = Path(config.docs_dir) / FONTS_CSS
    uris = font_files(css.read_text(encoding="utf-8"))
    for uri in PRELOAD:
        if uri not in uris:
            raise PluginError(f"docs/{FONTS_CSS} không dùng {uri}, tệp mà hooks/fonts.py báo trước.")
    for uri, src in assets.vendor_files(uris).items():
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, abs_src_path=str(src)))
    return files


def on_post_page(output, page, config):
    depth = page.url.count("/") if config.use_directory_urls else page.file.dest_uri.count("/")
    links = "".join(
        f'\n    <link rel="preload" href="{"../" * depth}{uri}" as="font" type="font/woff2" crossorigin>'
        for uri in PRELOAD
    )
    return output.replace("<head>", f"<head>{links}", 1)


def site_chars(site: Path) -> set[str]:
    """Mọi ký tự có thể hiện trên trang: chữ của mọi tệp HTML đã dựng (cả thuộc tính, SVG, chữ trong
    script) và các script riêng của trang (câu thông báo của trình khám phá...), cộng bảng ASCII in được."""
    chars = {chr(c) for c in range(0x20, 0x7F)}
    for path in [*site.rglob("*.html"), *(site / "javascripts").glob("*.js")]:
        chars |= set(html.unescape(path.read_text(encoding="utf-8")))
    return chars


def subset_woff2(font: bytes, chars: set[str]) -> bytes:
    """Tệp woff2 chỉ còn glyph của ``chars`` (giữ trục độ đậm và các tính năng OpenType), nhớ theo nội dung."""
    text = "".join(sorted(chars))
    version = importlib.metadata.version("fonttools")
    cached = CACHE / (hashlib.sha256(font + text.encode() + version.encode()).hexdigest()[:24] + ".woff2")
    if cached.is_file():
        return cached.read_bytes()
    from fontTools import subset  # ~0,3 s để nạp: chỉ khi bộ nhớ đệm chưa có

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # dấu chồng của tiếng Việt, kerning...
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    ttf = subset.load_font(io.BytesIO(font), options)
    subsetter.subset(ttf)
    out = io.BytesIO()
    subset.save_font(ttf, out, options)
    runner.write_atomic(cached, out.getvalue())
    return out.getvalue()


def on_post_build(config):
    site = Path(config.site_dir)
    chars = site_chars(site)
    for uri, src in assets.vendor_files(SUBSET).items():
        (site / uri).write_bytes(subset_woff2(src.read_bytes(), chars))
