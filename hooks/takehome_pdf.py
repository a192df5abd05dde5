"""In trang in của bản dựng ra PDF bằng Chromium không giao diện (Playwright), không tải gì từ máy khác.

Dùng bởi hooks/takehome.py. Chromium: biến môi trường ``RNNLAB_CHROMIUM`` hoặc /usr/bin/chromium (Chromium
của hệ điều hành; không bao giờ ``playwright install``). Thiếu Chromium hay Playwright: ở máy mình chỉ báo
một dòng (INFO, để ``--strict`` vẫn dựng xong); trong CI (``CI=true``) là lỗi.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import importlib.util
import logging
import os
import shutil
import threading
from pathlib import Path

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.takehome")

DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    """Chromium dùng để in PDF: biến môi trường ``RNNLAB_CHROMIUM`` hoặc /usr/bin/chromium; None nếu không có."""
    path = os.environ.get("RNNLAB_CHROMIUM") or DEFAULT_CHROMIUM
    found = shutil.which(path)
    return found if found else None


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def pdf_unavailable_reason() -> str | None:
    """Vì sao bản dựng này không in được PDF (thiếu Chromium hay Playwright); None nếu in được."""
    chromium = chromium_path()
    if chromium is None:
        wanted = os.environ.get("RNNLAB_CHROMIUM") or DEFAULT_CHROMIUM
        return (
            f"không tìm thấy Chromium ở {wanted} (cài bằng `apt-get install chromium`, "
            f"hoặc đặt biến môi trường RNNLAB_CHROMIUM trỏ tới Chromium)"
        )
    if importlib.util.find_spec("playwright") is None:  # chỉ tìm, không import (import tốn ~0,1 s mỗi lần dựng)
        return "chưa cài Playwright (pip install playwright; chạy ./dev setup)"
    return None


def check_pdf_possible() -> bool:
    """True nếu in được PDF. Không in được: trong CI là lỗi; ở máy mình chỉ báo một dòng rồi dựng tiếp."""
    reason = pdf_unavailable_reason()
    if reason is None:
        return True
    if in_ci():
        raise PluginError(f"Bản dựng trong CI phải có bản PDF, nhưng {reason}.")
    # INFO chứ không WARNING: `mkdocs build --strict` ở máy mình vẫn phải xong khi thiếu Chromium.
    log.info(f"CẢNH BÁO: bỏ qua bản PDF của trang, vì {reason}. Phần còn lại của trang vẫn được dựng.")
    return False


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - tên do lớp cha đặt
        pass


@contextlib.contextmanager
def serve_directory(directory: Path):
    """Máy chủ HTTP tạm trên 127.0.0.1 (cổng ngẫu nhiên) phục vụ ``directory``; trả về địa chỉ gốc."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# Trang in sẵn sàng khi: phông đã tải, mọi hình đã tải, mọi sơ đồ Mermaid đã vẽ, mọi công thức đã dàn.
READY_JS = """() => {
  const imgs = [...document.images];
  const mermaid = [...document.querySelectorAll('.mermaid')];
  const math = [...document.querySelectorAll('.arithmatex')];
  return document.readyState === 'complete'
    && imgs.every(i => i.complete && i.naturalWidth > 0)
    && mermaid.every(m => m.tagName !== 'PRE' && m.getBoundingClientRect().height > 0)
    && math.every(m => m.querySelector('.katex'));
}"""

# Số trang bằng tiếng Việt, thay "Page N" của CSS plugin print-site (chỉ chèn vào trang in).
PAGE_STYLE = (
    "<style>@page { @bottom-right { content: 'Trang ' counter(page) ' / ' counter(pages);"
    " font-family: 'Noto Sans Variable', sans-serif; font-size: 9pt; color: #555; } }</style>"
)


def print_pdf(site_dir: Path, page_uri: str, out: Path, chromium: str) -> None:
    """In ``site_dir/page_uri`` (qua HTTP cục bộ) ra ``out`` bằng Chromium không giao diện; chặn mọi địa chỉ ngoài."""
    from playwright.sync_api import sync_playwright

    outside: list[str] = []

    def route(r):
        if r.request.url.startswith("http://127.0.0.1:"):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    with serve_directory(site_dir) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.route("**/*", route)
            page.goto(base + page_uri, wait_until="load", timeout=120_000)
            # hình "lazy" ngoài khung nhìn không bao giờ tải nếu không cuộn tới: tải hết ngay
            page.evaluate("document.querySelectorAll('img').forEach(i => { i.loading = 'eager'; })")
            page.evaluate("document.fonts.ready.then(() => true)")
            page.wait_for_function(READY_JS, timeout=120_000)
            page.pdf(
                path=str(out),
                format="A4",
                print_background=True,
                prefer_css_page_size=True,  # khổ giấy, lề, số trang: @page trong CSS
                outline=True,  # mục lục (bookmark) của PDF theo các tiêu đề
                tagged=True,
            )
        finally:
            browser.close()
    if outside:
        raise PluginError("Trang in muốn tải tệp từ máy khác: " + ", ".join(sorted(set(outside))[:5]))
