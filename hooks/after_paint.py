"""Hook MkDocs: mã JavaScript của trang chỉ tải và chạy sau lần vẽ đầu tiên (``hooks/after_paint.js``).

Cuối ``<body>`` mỗi trang, Material đặt ``<script src=".../bundle.….min.js">`` (34 KB nén); trang Minh hoạ có
thêm ``javascripts/explorer.js``. Thẻ đồng bộ đó chạy ngay khi trình duyệt đọc tới, thường trước lần vẽ
đầu tiên, và lúc khởi động Material đo vị trí các tiêu đề, thanh bên...: trình duyệt phải dựng kiểu và dàn
cả trang ngay trong tác vụ đó. Lighthouse (điện thoại, CPU chậm 4×) thấy một tác vụ dài 240 ms và đếm
nó vào cả FCP, LCP lẫn TBT; trên trang Minh hoạ, điểm hiệu năng rơi từ 97–99 xuống 89–92 ở những lần như
vậy.

Hook thay các thẻ ``<script src>`` cuối ``<body>`` (từ thẻ của Material trở đi) bằng một đoạn mã nhỏ viết
thẳng vào trang: đợi lần vẽ đầu tiên (``PerformanceObserver``, loại ``paint``), rồi tải các tệp đó, chạy
đúng thứ tự, và phát lại ``DOMContentLoaded`` mà Material chờ để khởi động. Áp dụng cho mọi trang, cả
``404.html``; trang in (``ban-in/``) thì không, vì plugin print-site tự viết nó, không qua hook.
Kiểm thử: tests/docs/test_site_after_paint.py (HTML), tests/docs/browser/test_browser_after_paint.py (thứ tự
trong trình duyệt; các kiểm thử trình duyệt khác dùng chính các thành phần của Material).
"""

from __future__ import annotations

import functools
import json
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hooks import assets  # noqa: E402

SCRIPT = Path(__file__).with_name("after_paint.js")
_BUNDLE = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>')
_TAG = re.compile(r'\s*<script src="(?P<src>[^"]+)"(?: defer)?></script>\s*')


@functools.cache  # một lần mỗi bản dựng (MkDocs nạp lại hook mỗi lần dựng), không phải mỗi trang
def template() -> str:
    return assets.inline_script(SCRIPT.read_text(encoding="utf-8"))


def after_paint(html: str, where: str = "trang") -> str:
    """``html`` với các thẻ ``<script src>`` cuối ``<body>`` (từ thẻ của Material) thay bằng mã tải chúng
    sau lần vẽ đầu tiên."""
    bundle = _BUNDLE.search(html)
    end = html.rfind("</body>")
    if bundle is None or end < bundle.start():
        raise PluginError(f"{where}: không thấy thẻ <script> của Material cuối <body> (phiên bản Material đã đổi?).")
    tail = html[bundle.start() : end]
    sources, pos = [], 0
    while pos < len(tail):
        tag = _TAG.match(tail, pos)
        if tag is None or tag.end() == pos:
            raise PluginError(f"{where}: sau thẻ <script> của Material có nội dung lạ: {tail[pos : pos + 80]!r}")
        src = tag["src"]
        if assets.is_remote(src):
            raise PluginError(f"{where}: {src} nằm ở máy khác; trang phải chạy không cần mạng.")
        sources.append(src)
        pos = tag.end()
    code = template().replace("SOURCES", json.dumps(sources), 1)
    return html[: bundle.start()] + code + "\n" + html[end:]


def on_post_page(output, page, config):
    return after_paint(output, page.file.src_uri)


def on_post_template(output_content, template_name, config):
    # 404.html không qua on_post_page; các mẫu tĩnh khác (sitemap.xml...) không phải HTML có <body>
    return after_paint(output_content, template_name) if template_name == "404.html" else output_content
