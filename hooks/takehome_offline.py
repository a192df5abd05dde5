"""Bản ngoại tuyến của trang: một zip đọc được từ ``file://``, không cần máy chủ.

Dùng bởi hooks/takehome.py. Liên kết tới thư mục (``../lstm/``) thành ``../lstm/index.html``; chỉ mục tìm
kiếm chép thành ``search/search_index.js`` (Material tự nạp nó khi mở từ ``file://``, với địa chỉ kết quả
cũng trỏ tới index.html); shim ``iframe-worker`` (npm, của tác giả Material) thay Web Worker của ô tìm
kiếm, vì Chromium không chạy Worker từ ``file://``. Nội dung zip cố định theo đầu vào (ngày giờ cố định).
"""

from __future__ import annotations

import io
import json
import posixpath
import re
import urllib.parse
import zipfile
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
SHIM = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
SHIM_URI = "assets/javascripts/iframe-worker-shim.js"  # chỉ có trong bản zip
ZIP_FOLDER = "rnnlab"  # giải nén ra thư mục này


_HREF = re.compile(r"""(\bhref=)(["'])([^"']*)\2""")
_HEAD = re.compile(r"<head[^>]*>", re.I)


def offline_url(url: str) -> str:
    """Liên kết tương đối tới một thư mục (``../lstm/``, ``.``, ``..#x``) → tới ``index.html`` của nó."""
    if not url or re.match(r"^([a-z][a-z0-9+.-]*:|//|#|/)", url, re.I):
        return url
    path, sep, fragment = url.partition("#")
    path, qsep, query = path.partition("?")
    if path.rsplit("/", 1)[-1] in (".", ".."):
        path += "/"
    if path.endswith("/"):
        path += "index.html"
    return path + qsep + query + sep + fragment


def offline_html(html: str, rel: str, site_url: str = "", zip_uri: str = "") -> str:
    """Trang HTML ``rel`` cho bản zip: liên kết thư mục thành index.html, thêm shim Web Worker cho file://.

    Bản zip (``zip_uri``) không chứa chính nó: liên kết tới nó trỏ về bản trên trang web (``site_url``)."""
    here = posixpath.dirname(rel)

    def fix(m: re.Match) -> str:
        url = offline_url(m[3])
        if site_url and zip_uri and posixpath.normpath(posixpath.join(here, url.split("#")[0])) == zip_uri:
            url = urllib.parse.urljoin(site_url, zip_uri)
        return f"{m[1]}{m[2]}{url}{m[2]}"

    html = _HREF.sub(fix, html)
    shim = posixpath.relpath(SHIM_URI, posixpath.dirname(rel) or ".")
    return _HEAD.sub(lambda m: f'{m.group()}<script src="{shim}"></script>', html, count=1)


def offline_search_index(data: str) -> str:
    """search_index.json → search_index.js (``var __index = ...``) với địa chỉ kết quả trỏ tới index.html."""
    index = json.loads(data)
    for doc in index.get("docs", []):
        if "location" in doc:
            doc["location"] = offline_url(doc["location"] or "./")
    return "var __index = " + json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def _zip_entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(f"{ZIP_FOLDER}/{name}", date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def offline_zip(site_dir: Path, zip_uri: str, site_url: str = "") -> bytes:
    """Cả trang web (trừ chính bản zip) trong một zip đọc được từ file://, nội dung cố định theo đầu vào."""
    if not SHIM.is_file():
        raise PluginError(f"Thiếu {SHIM.relative_to(ROOT)} cho bản ngoại tuyến: chạy `npm ci` (hoặc ./dev setup).")
    entries: dict[str, bytes] = {}
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(site_dir).as_posix()
        if rel in (zip_uri, "404.html"):  # 404.html dùng đường dẫn tuyệt đối của máy chủ; file:// không cần nó
            continue
        data = path.read_bytes()
        if rel.endswith(".html"):
            data = offline_html(data.decode("utf-8"), rel, site_url, zip_uri).encode("utf-8")
        entries[rel] = data
    index = site_dir / "search" / "search_index.json"
    if index.is_file():
        entries["search/search_index.js"] = offline_search_index(index.read_text(encoding="utf-8")).encode("utf-8")
    entries[SHIM_URI] = SHIM.read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compresslevel=6) as z:
        for rel in sorted(entries):
            z.writestr(_zip_entry(rel), entries[rel])
    return buffer.getvalue()
