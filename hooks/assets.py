"""Hook MkDocs: phục vụ KaTeX, Mermaid và phông chữ từ chính trang web (không CDN, không chép vào docs/).

Trong mkdocs.yml, mọi mục ``extra_css`` / ``extra_javascript`` bắt đầu bằng ``vendor/`` là một tệp của
node_modules (cài bằng ``npm ci`` theo package.json + package-lock.json):
``vendor/katex/dist/katex.min.css`` ← ``node_modules/katex/dist/katex.min.css``. Hook thêm các tệp đó
vào bản dựng bằng ``File.generated``, cùng mọi tệp mà CSS của chúng trỏ tới bằng ``url(...)`` (phông
chữ KaTeX, các tập con Unicode của phông Noto, có tập con tiếng Việt). Một ``url(http...)`` trong các
CSS đó làm bản dựng dừng: người đọc không được phải tải gì từ máy khác.

Danh sách tệp vì thế chỉ nằm một chỗ: mkdocs.yml.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
PREFIX = "vendor/"
_REMOTE = re.compile(r"^([a-z][a-z0-9+.-]*:|//)", re.I)  # có scheme (http:, data:...) hoặc //máy-khác
_CSS_URL = re.compile(r"""url\(\s*(['"]?)(?P<url>[^'")]+)\1\s*\)|@import\s+(['"])(?P<imp>[^'"]+)\3""")


def is_remote(url: str) -> bool:
    """``url`` trỏ ra ngoài trang (có scheme hoặc ``//máy``), không phải một đường dẫn trong trang."""
    return _REMOTE.match(url) is not None


def css_references(css: str) -> list[str]:
    """Các đường dẫn ``url(...)`` / ``@import`` trong ``css`` (bỏ ``data:`` và phần ``?...``/``#...``)."""
    refs = []
    for m in _CSS_URL.finditer(css):
        url = (m["url"] or m["imp"]).strip()
        if url.startswith("data:") or url.startswith("#"):
            continue
        refs.append(url.split("#")[0].split("?")[0])
    return refs


def vendor_files(uris: list[str]) -> dict[str, Path]:
    """{đường dẫn trong trang: tệp trong node_modules} cho các ``uris`` và mọi thứ CSS của chúng cần."""
    found: dict[str, Path] = {}
    todo = [u for u in uris if u.startswith(PREFIX)]
    while todo:
        uri = posixpath.normpath(todo.pop())
        if uri in found:
            continue
        src = NODE_MODULES / uri[len(PREFIX) :]
        if not src.is_file():
            hint = "chạy `npm ci` (hoặc ./dev setup)" if not NODE_MODULES.is_dir() else "kiểm tra package.json"
            raise PluginError(f"Thiếu tệp {src.relative_to(ROOT)} cho {uri}: {hint}.")
        found[uri] = src
        if src.suffix == ".css":
            for ref in css_references(src.read_text(encoding="utf-8")):
                if is_remote(ref):
                    raise PluginError(f"{src.relative_to(ROOT)} tải {ref} từ máy khác; trang phải chạy không cần mạng.")
                todo.append(posixpath.join(posixpath.dirname(uri), ref))
    return found


def on_files(files, config):
    uris = [str(css) for css in config.extra_css]
    uris += [getattr(js, "path", js) for js in config.extra_javascript]
    for uri, src in sorted(vendor_files(uris).items()):
        files.append(File.generated(config, uri, abs_src_path=str(src)))
    return files


def inline_script(text: str) -> str:
    """``<script>`` viết thẳng vào trang với mã ``text``, bỏ các dòng chú thích ``//`` (tài liệu cho người đọc
    mã, không cho trình duyệt). Mã chứa ``</script`` sẽ đóng thẻ giữa chừng: lỗi dựng."""
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//")).strip()
    if "</script" in code.lower():
        raise PluginError("Không viết thẳng được một script chứa </script> vào trang.")
    return f"<script>{code}</script>"
