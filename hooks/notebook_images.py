"""Hook MkDocs: hình trong sổ tay thành tệp riêng, tải khi cuộn tới, có cỡ sẵn.

nbconvert nhúng mỗi hình matplotlib của sổ tay vào trang dưới dạng ``data:image/png;base64,...``: trang
nặng thêm hàng trăm KB ngay từ lần tải đầu (base64 không nén được), hình không thể tải chậm, và không có
``width``/``height``. Sau khi dựng, hook ghi mỗi hình ra ``<thư mục trang>/hinh-<k>.png`` và thay thẻ
``<img>`` bằng thẻ trỏ tới tệp đó, có ``loading="lazy"``, ``width``/``height`` đọc từ tệp PNG, và chữ
thay thế tiếng Việt thay cho câu mặc định tiếng Anh của nbconvert.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

_IMG = re.compile(r'<img (?P<before>[^>]*?)src="data:image/png;base64,(?P<data>[A-Za-z0-9+/=\s]+)"(?P<after>[^>]*)>')
_NBCONVERT_ALT = 'alt="No description has been provided for this image"'


def png_size(data: bytes) -> tuple[int, int]:
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def externalize(html: str, folder: Path) -> str:
    """``html`` với mỗi hình PNG nhúng được ghi ra ``folder/hinh-<k>.png`` và thay bằng thẻ trỏ tới tệp."""
    count = 0

    def one(m):
        nonlocal count
        count += 1
        data = base64.b64decode(m["data"])
        name = f"hinh-{count}.png"
        (folder / name).write_bytes(data)
        width, height = png_size(data)
        attrs = f"{m['before']}{m['after']}".replace(_NBCONVERT_ALT, f'alt="Hình {count} do sổ tay vẽ"')
        attrs = attrs.strip().removesuffix("/").strip()
        return f'<img {attrs} src="{name}" width="{width}" height="{height}" loading="lazy">'

    return _IMG.sub(one, html)


def on_post_build(config):
    site = Path(config.site_dir)
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if "data:image/png;base64," in text and "jupyter-wrapper" in text:
            page.write_text(externalize(text, page.parent), encoding="utf-8")
