"""Mã JavaScript tải sau lần vẽ đầu tiên (hooks/after_paint.py): HTML do hook viết, và trang đã dựng."""

from __future__ import annotations

import json
import re

import pytest
from mkdocs.exceptions import PluginError

from hooks import after_paint

BUNDLE = '<script src="../assets/javascripts/bundle.0123abcd.min.js"></script>'


def page(tail: str) -> str:
    return f"<html><head><script>var a = 1</script></head><body><p>chữ</p>\n  {tail}\n  </body>\n</html>"


def sources(html: str) -> list[str]:
    """Danh sách tệp mà đoạn mã của hook sẽ tải (đối số của nó, cuối thẻ)."""
    return json.loads(re.search(r"\}\)\((\[.*?\])\)</script>", html)[1])


def test_material_and_page_scripts_become_one_loader_in_order():
    out = after_paint.after_paint(page(BUNDLE + '\n      <script src="../javascripts/explorer.js" defer></script>'))
    assert '<script src="' not in out  # không còn thẻ nào tải hay chạy trước lần vẽ đầu tiên
    assert sources(out) == ["../assets/javascripts/bundle.0123abcd.min.js", "../javascripts/explorer.js"]
    assert '"paint"' in out and 'new Event("DOMContentLoaded")' in out
    assert out.startswith(page("").split("\n")[0]) and out.endswith("</body>\n</html>")  # phần khác giữ nguyên
    assert "<script>var a = 1</script>" in out and "<p>chữ</p>" in out
    assert sources(after_paint.after_paint(page(BUNDLE))) == ["../assets/javascripts/bundle.0123abcd.min.js"]


@pytest.mark.parametrize(
    "tail, message",
    [
        ('<script src="../assets/javascripts/app.js"></script>', "không thấy thẻ <script> của Material"),
        (BUNDLE + "<p>lạc chỗ</p>", "nội dung lạ"),
        (BUNDLE + '<script src="https://cdn.example/x.js"></script>', "máy khác"),
    ],
)
def test_unexpected_pages_fail_the_build_with_a_reason(tail, message):
    with pytest.raises(PluginError, match=message):
        after_paint.after_paint(page(tail), "trang-thu.md")


def test_built_reader_pages_load_their_scripts_after_the_first_paint(built_site):
    site = built_site.site
    pages = [
        p for p in site.rglob("index.html") if not p.relative_to(site).as_posix().startswith(("ban-in/", "vendor/"))
    ]
    assert len(pages) >= 10  # mọi trang người đọc (15 lúc viết)
    for html_path in pages:
        text = html_path.read_text(encoding="utf-8")
        rel = html_path.relative_to(site)
        assert '<script src="' not in text, rel  # (shim iframe-worker viết <script src=${…}> trong một chuỗi)
        files = [(html_path.parent / src).resolve() for src in sources(text)]
        assert files[0].name.startswith("bundle.") and all(f.is_file() for f in files), (rel, files)
    # 404.html (mẫu tĩnh, không qua on_post_page): cùng cách tải, không còn tệp của trang in
    missing = (site / "404.html").read_text(encoding="utf-8")
    assert '<script src="' not in missing and "print-site" not in missing
    assert sources(missing)[0].endswith(files[0].name) and len(sources(missing)) == 1
    explorer_page = (site / "gradient" / "minh-hoa" / "index.html").read_text(encoding="utf-8")
    assert sources(explorer_page)[1:] == ["../../javascripts/explorer.js"]
