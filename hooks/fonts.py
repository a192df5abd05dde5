"""Hook MkDocs: phông chữ tự phục vụ, chỉ những tệp chữ tiếng Việt cần (docs/stylesheets/fonts.css).

- Mọi ``url(../vendor/...)`` trong fonts.css là tệp của node_modules: hook thêm chúng vào bản dựng
  (như hooks/assets.py làm với các mục ``vendor/`` của mkdocs.yml).
- Không báo trước (``<link rel="preload">``) tệp phông nào. Chromium coi phông báo trước là thứ chặn vẽ một
  lúc: đo bằng Lighthouse (2026-11-27), trang chủ có báo trước bốn phông (hai Noto Sans, hai KaTeX) vẽ lần
  đầu lúc ~1,25 s hoặc ~2,27 s trong khoảng nửa số lần đo (``load`` lúc ~0,3 s), bỏ báo trước thì 7/7 lần vẽ
  lúc 0,14–0,18 s; điểm hiệu năng trung vị 91 → 96. Chữ hiện ngay bằng phông dự phòng rồi đổi sang Noto Sans
  (``font-display: swap``).
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
    for uri, src in assets.vendor_files(uris).items():
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, abs_src_path=str(src)))
    return files
