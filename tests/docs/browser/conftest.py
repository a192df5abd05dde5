"""Phần chung của các kiểm thử trong trình duyệt: trang dựng một lần (``built_site``), phục vụ qua HTTP trên
127.0.0.1, mở bằng Chromium của máy (Playwright, không ``playwright install``).

Đường dẫn Chromium: biến môi trường ``RNNLAB_CHROMIUM`` (mặc định /usr/bin/chromium; ``./dev`` cài gói
``chromium`` của Debian khi thiếu; workflow GitHub dùng Chrome có sẵn trên máy chạy). Thiếu trình duyệt thì
kiểm thử bỏ qua và nói lí do, trừ khi ``CI`` được đặt: khi đó là lỗi.
"""

from __future__ import annotations

import dataclasses
import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from _browser import LAUNCH_ARGS, chromium_path, missing  # noqa: F401 (dùng ở các tệp kiểm thử)

ROOT = Path(__file__).resolve().parents[3]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCHEMES = ["light", "dark"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url(built_site):
    """Địa chỉ gốc (``http://127.0.0.1:PORT/``) của trang đã dựng, phục vụ bằng một máy chủ nhiều luồng."""
    handler = functools.partial(_QuietHandler, directory=str(built_site.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@dataclasses.dataclass
class Watch:
    """Những gì trình duyệt báo trong lúc mở trang: lỗi console/JS, yêu cầu ra ngoài, yêu cầu hỏng."""

    errors: list = dataclasses.field(default_factory=list)
    outside: list = dataclasses.field(default_factory=list)
    failed: list = dataclasses.field(default_factory=list)

    def clear(self):
        self.errors.clear()
        self.outside.clear()
        self.failed.clear()


def _context(browser, scheme: str, **kwargs):
    context = browser.new_context(color_scheme=scheme, locale="vi-VN", **kwargs)
    watch = Watch()

    def route(r):
        host = urlsplit(r.request.url).hostname
        if r.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            r.continue_()
        else:
            watch.outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)

    def on_page(page):
        page.on("console", lambda m: m.type == "error" and watch.errors.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: watch.errors.append(f"JS: {e}"))
        page.on(
            "requestfailed",
            lambda r: urlsplit(r.url).hostname == "127.0.0.1" and watch.failed.append(f"{r.url} {r.failure}"),
        )
        page.on("response", lambda r: r.status >= 400 and watch.failed.append(f"{r.url} HTTP {r.status}"))

    context.on("page", on_page)
    return context, watch


@pytest.fixture(scope="session")
def contexts(browser):
    """Một ngữ cảnh trình duyệt cho mỗi nền (sáng/tối), dùng lại cho mọi trang: {nền: (context, Watch)}."""
    made = {scheme: _context(browser, scheme) for scheme in SCHEMES}
    yield made
    for context, _ in made.values():
        context.close()


@pytest.fixture(scope="session")
def phone(browser):
    """Ngữ cảnh cỡ điện thoại (390 px), nền sáng."""
    context, watch = _context(
        browser, "light", viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    yield context, watch
    context.close()


@pytest.fixture
def open_page(contexts, site_url):
    """``open_page(đường dẫn, nền)`` → (page, watch): trang đã tải xong, mọi hình đã buộc tải ngay."""
    opened = []

    def _open(path: str, scheme: str = "light"):
        context, watch = contexts[scheme]
        watch.clear()
        page = context.new_page()
        opened.append(page)
        page.goto(site_url + path, wait_until="load")
        page.evaluate("""async () => {
            const imgs = [...document.images]
            for (const img of imgs) img.loading = "eager"
            await Promise.all(imgs.map(img => img.complete ? null : new Promise(ok => {
                img.addEventListener("load", ok); img.addEventListener("error", ok)
            })))
        }""")
        page.wait_for_load_state("networkidle")
        return page, watch

    yield _open
    for page in opened:
        page.close()


def axe_serious(page, rules: list[str] | None = None) -> list[str]:
    """Các vi phạm nghiêm trọng (serious/critical) mà axe-core tìm thấy trên trang (mọi luật, hoặc chỉ ``rules``)."""
    if not AXE.is_file():
        pytest.fail("thiếu node_modules/axe-core (npm ci)", pytrace=False)
    page.add_script_tag(path=str(AXE))
    options = {"resultTypes": ["violations"], **({"runOnly": rules} if rules else {})}
    # Trang bỏ qua dàn trang phần chưa cuộn tới (content-visibility, docs/stylesheets/rnnlab.css); axe đo tương
    # phản và vùng cuộn trên cỡ giữ tạm của phần đó và báo sai. Người đọc cuộn tới đâu thấy phần đó đã dàn đủ:
    # axe kiểm trang ở trạng thái ấy, mọi khối đã dàn.
    style = page.add_style_tag(content="* { content-visibility: visible !important; }")
    result = page.evaluate(
        "async (options) => { await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));"
        " return await axe.run(document, options) }",
        options,
    )
    style.evaluate("s => s.remove()")
    out = []
    for v in result["violations"]:
        if v["impact"] in ("serious", "critical"):
            targets = [" ".join(map(str, n["target"])) for n in v["nodes"][:3]]
            out.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])} chỗ): {v['help']} — {targets}")
    return out
