"""Hook MkDocs: phông chữ tự phục vụ, chỉ những tệp chữ tiếng Việt cần (docs/stylesheets/fonts.css).

- Mọi ``url(../vendor/...)`` trong fonts.css là tệp của node_modules: hook thêm chúng vào bản dựng
  (như hooks/assets.py làm với các mục ``vendor/`` của mkdocs.yml).
- Mỗi trang báo trước (``<link rel="preload">``) hai tệp phông chính (Noto Sans, tập con latin và
  vietnamese), để chữ hiện bằng phông đúng sớm nhất có thể và không nhảy khi phông tới.
"""

from __future__ import annotations

import posixpath
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hooks import assets  # noqa: E402

FONTS_CSS = "stylesheets/fonts.css"
# Chữ của trang: tập con latin và vietnamese của Noto Sans, cả hai có trên mọi trang; báo trước cả hai để chữ
# không đổi phông (và nhảy dòng) khi tập con thứ hai tới muộn.
PRELOAD = [
    "vendor/@fontsource-variable/noto-sans/files/noto-sans-latin-wght-normal.woff2",
    "vendor/@fontsource-variable/noto-sans/files/noto-sans-vietnamese-wght-normal.woff2",
]


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
