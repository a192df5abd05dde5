"""Hook MkDocs: vài sửa nhỏ trên HTML của trang cho trợ năng (axe-core, Lighthouse), làm sẵn lúc dựng.

- Hộp tìm kiếm của Material (``role="dialog"``) có tên: "Tìm kiếm".
- Vùng cuộn ngang được (ô mã và ô kết quả của sổ tay, công thức hiển thị rộng) nhận được tiêu điểm bàn phím
  (``tabindex="0"``), để người chỉ dùng bàn phím cuộn được. (Công thức hiển thị: hooks/math.py.)
- Khối mã (``<pre><code>``) nhận tiêu điểm bàn phím từ lúc dựng: Material chỉ đặt ``tabindex`` cho khối cuộn
  ngang được khi gắn khối, mà với ``content.lazy`` (hooks/light.py) khối chỉ được gắn khi hiện ra; người dùng
  bàn phím vẫn phải tab tới được khối ở xa. Khi gắn, Material tự bỏ ``tabindex`` ở khối không cần cuộn.
- Bảng có ô góc trống (``| | cột 1 | cột 2 |``): cột đầu là tên hàng, nên ô đầu mỗi hàng thành tiêu đề hàng
  (``<th scope="row">``), và mọi ô dữ liệu có tiêu đề (axe: ``td-has-header``).
"""

from __future__ import annotations

import re

_DIALOG = re.compile(r'(<div class="md-search" data-md-component="search" role="dialog")(?![^>]*aria-label)')
_SCROLLERS = re.compile(
    r'<(?P<tag>div) (?P<cls>class="(?:highlight-ipynb[^"]*|jp-OutputArea-output[^"]*)")(?![^>]*tabindex)'
)


_CODE = re.compile(
    r'(<div class="(?:language-[\w-]+ )?highlight">(?:<span class="filename">[^<]*</span>)?'
    r"<pre[^>]*>(?:<span></span>)?<code)(?=>)"
)
_TABLE = re.compile(r"<table>\s*<thead>\s*<tr>\s*<th(?: [^>]*)?></th>.*?</table>", re.S)
_ROW_FIRST = re.compile(r"(<tr>\s*)<td([^>]*)>(.*?)</td>", re.S)


def row_headers(html: str) -> str:
    """Bảng có ô góc trống: ô đầu mỗi hàng của thân bảng thành ``<th scope="row">``."""

    def table(m):
        head, sep, body = m[0].partition("</thead>")
        return head + sep + _ROW_FIRST.sub(r'\1<th scope="row"\2>\3</th>', body)

    return _TABLE.sub(table, html)


def on_page_content(html, page, config, files):
    return row_headers(html)


def on_post_page(output, page, config):
    output = _DIALOG.sub(r'\1 aria-label="Tìm kiếm"', output)
    output = _CODE.sub(r'\1 tabindex="0"', output)
    return _SCROLLERS.sub(lambda m: f'<{m["tag"]} {m["cls"]} tabindex="0"', output)
