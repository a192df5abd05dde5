"""Hook MkDocs: nút nền sáng / nền tối chạy ngay khi trình duyệt đọc tới đầu trang (``hooks/palette.js``).

Thành phần palette của Material được gắn lúc trang tải xong; khi đó nó đặt lại các thuộc tính màu của
``<body>``, bật rồi tắt ``data-md-color-switching`` và đọc kiểu của đầu trang, mỗi lần buộc trình duyệt dựng lại
kiểu của cả trang: trên trang Giải pháp, khoảng một nửa thời gian chặn luồng chính mà Lighthouse đo (điện
thoại). Hook đổi tên dấu của ô chọn (Material không gắn thành phần đó nữa) và viết ``palette.js`` ngay sau ô
chọn: cùng việc, cùng cách lưu lựa chọn, làm lúc ``<body>`` còn gần như trống. Kiểm thử trong trình duyệt:
tests/docs/browser/test_browser_spots.py (nút đổi nền, lựa chọn được giữ khi sang trang khác).
"""

from __future__ import annotations

import functools
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hooks import assets  # noqa: E402

SCRIPT = Path(__file__).with_name("palette.js")
_FORM = re.compile(r'(<form class="md-header__option") data-md-component="palette">(.*?</form>)', re.S)


@functools.cache  # một lần mỗi bản dựng (MkDocs nạp lại hook mỗi lần dựng), không phải mỗi trang
def script() -> str:
    return assets.inline_script(SCRIPT.read_text(encoding="utf-8"))


def on_post_page(output, page, config):
    if 'data-md-component="palette"' not in output:
        return output
    out, n = _FORM.subn(lambda m: f"{m[1]} data-rnnlab-palette>{m[2]}{script()}", output, count=1)
    if n != 1:
        raise PluginError(f"{page.file.src_uri}: không thấy ô chọn nền của Material (phiên bản Material đã đổi?).")
    return out
