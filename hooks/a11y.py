"""Hook MkDocs: vài sửa nhỏ trên HTML của trang cho trợ năng (axe-core, Lighthouse), làm sẵn lúc dựng.

- Hộp tìm kiếm của Material (``role="dialog"``) có tên: "Tìm kiếm".
- Vùng cuộn ngang được (ô mã và ô kết quả của sổ tay, công thức hiển thị rộng) nhận được tiêu điểm bàn phím
  (``tabindex="0"``), để người chỉ dùng bàn phím cuộn được. (Công thức hiển thị: hooks/math.py.)
"""

from __future__ import annotations

import re

_DIALOG = re.compile(r'(<div class="md-search" data-md-component="search" role="dialog")(?![^>]*aria-label)')
_SCROLLERS = re.compile(
    r'<(?P<tag>div) (?P<cls>class="(?:highlight-ipynb[^"]*|jp-OutputArea-output[^"]*)")(?![^>]*tabindex)'
)


def on_post_page(output, page, config):
    output = _DIALOG.sub(r'\1 aria-label="Tìm kiếm"', output)
    return _SCROLLERS.sub(lambda m: f'<{m["tag"]} {m["cls"]} tabindex="0"', output)
