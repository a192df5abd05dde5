"""Hook MkDocs: neo (id) của tiêu đề và thẻ nội dung viết không dấu, như đường dẫn web tiếng Việt quen dùng.

"Công thức" → ``cong-thuc``, "Đóng góp" → ``dong-gop``, "Biến mất gradient" → ``bien-mat-gradient``.
Cách mặc định của Python-Markdown bỏ dấu nhưng làm rơi chữ đ ("Đóng góp" → ``ong-gop``); cách của
pymdownx.slugs giữ dấu (neo thành ``c%C3%B4ng-th%E1%BB%A9c`` khi chép đường dẫn). Hàm ở đây được gắn vào
``toc`` và ``pymdownx.tabbed`` trong ``on_config`` (mkdocs.yml không cần import được thư mục hooks/).
"""

from __future__ import annotations

import re
import unicodedata


def slugify(text: str, separator: str = "-") -> str:
    text = re.sub(r"</?[^>]*>", "", text).replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(rf"[{re.escape(separator)}\s]+", separator, text)


def on_config(config):
    for ext in ("toc", "pymdownx.tabbed"):
        if ext in config.markdown_extensions:
            config.mdx_configs.setdefault(ext, {})["slugify"] = slugify
    return config
