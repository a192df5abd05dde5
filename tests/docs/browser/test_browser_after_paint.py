"""Mã của Material và của trang chạy sau lần vẽ đầu tiên (hooks/after_paint.py), và Material vẫn khởi động."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("path", ["gradient/minh-hoa/", "loai-rnn/lstm/"])
def test_scripts_start_after_the_first_paint_and_material_still_starts(contexts, site_url, path):
    context, watch = contexts["light"]
    watch.clear()
    page = context.new_page()
    try:
        page.goto(site_url + path, wait_until="load")
        page.wait_for_load_state("networkidle")
        paint, bundle = page.evaluate("""() => {
            const paint = performance.getEntriesByType("paint").find((e) => e.name === "first-paint")
            const bundle = performance.getEntriesByType("resource").find((e) => /bundle\\.[0-9a-f]+\\.min\\.js$/.test(e.name))
            return [paint ? paint.startTime : null, bundle ? bundle.startTime : null]
        }""")
        assert paint is not None and bundle is not None, (paint, bundle)
        assert bundle >= paint, f"mã của Material tải lúc {bundle:.0f} ms, trước lần vẽ đầu tiên ({paint:.0f} ms)"
        # Material đã khởi động (nó chờ DOMContentLoaded, do hook phát lại): khối mã hiện ra thì có nút sao chép.
        block = page.locator(".md-content .md-typeset > div.highlight").first
        block.scroll_into_view_if_needed()
        block.locator("button.md-clipboard, button.md-code__button").first.wait_for(state="attached", timeout=5000)
        assert watch.errors == [] and watch.failed == []
    finally:
        page.close()
