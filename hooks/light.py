"""Hook MkDocs: trang nhẹ hơn cho điện thoại, làm lúc dựng, không đổi những gì người đọc thấy.

Trang dài (Giải pháp, RNN hai chiều) có 8.000–10.000 phần tử, hơn nửa là ``<span>`` của mã tô màu; trên
điện thoại, dựng kiểu và dàn trang từng ấy phần tử là phần lớn thời gian chặn luồng chính (Lighthouse, TBT).

- **Mã tô màu.** Pygments bọc mỗi token trong một ``<span class="...">``. Hook bỏ thẻ của token không có màu
  riêng: khoảng trắng (``w``) và tên (``n``: Material tô bằng đúng màu chữ của mã, ``--md-code-hl-name-color:
  var(--md-code-fg-color)``). Toán tử (``o``, ``ow``) và dấu câu (``p``) cùng một màu
  (``--md-code-hl-operator-color`` và ``--md-code-hl-punctuation-color`` đều là ``--md-default-fg-color--light``)
  nên mang chung lớp ``p``; các token liền nhau cùng lớp gộp làm một. Màu chữ trên trang không đổi (kiểm thử:
  tests/docs/test_site_light.py đọc CSS của Material và so chữ của mã trước và sau).
- **Tệp của plugin print-site** (hai CSS, một JS) chỉ dùng cho trang in ``ban-in/``: bỏ khỏi các trang khác,
  nơi chúng chỉ chặn hiển thị.

Phần còn lại của việc làm nhẹ nằm ở nơi nó thuộc về: ``content.lazy`` (mkdocs.yml: Material gắn nút sao chép
cho khối mã khi khối hiện ra), ``content-visibility`` (docs/stylesheets/rnnlab.css: trình duyệt bỏ qua phần
trang chưa cuộn tới), chú giải thuật ngữ ở lần đầu mỗi trang (hooks/glossary.py), chỉ mục tìm kiếm tải khi
mở ô tìm kiếm (hooks/search.py), mã JavaScript tải sau lần vẽ đầu tiên (hooks/after_paint.py).
"""

from __future__ import annotations

import re

# Lớp Pygments → lớp giữ lại (None: bỏ thẻ, chữ mang màu chữ của mã). Lớp không có ở đây giữ nguyên.
CLASSES = {"w": None, "n": None, "o": "p", "ow": "p", "p": "p"}

_BLOCK = re.compile(r'(<div class="(?:language-[\w-]+ )?highlight">)(.*?)(</div>)', re.S)
_CODE = re.compile(r"(<code>)(.*?)(</code>)", re.S)
_TOKEN = re.compile(r'<span class="(?P<cls>[\w-]+)">(?P<text>[^<]*)</span>|(?P<other><[^>]*>)|(?P<bare>[^<]+)')
_PRINT_ASSETS = re.compile(
    r'\s*<link rel="stylesheet" href="[^"]*css/print-site(?:-material)?\.css">'
    r'|\s*<script src="[^"]*js/print-site\.js"></script>'
)


def thin_code(code: str) -> str:
    """HTML bên trong ``<code>`` của Pygments → cùng chữ, cùng màu, ít ``<span>`` hơn."""
    out: list[str] = []
    run_cls, run_text = None, []  # token đang gộp: lớp (None: chữ trần) và các mẩu chữ

    def flush():
        if run_text:
            text = "".join(run_text)
            out.append(text if run_cls is None else f'<span class="{run_cls}">{text}</span>')
            run_text.clear()

    for m in _TOKEN.finditer(code):
        if m["other"] is not None:  # thẻ khác (dòng tô sáng hll, neo...): giữ nguyên, cắt chuỗi gộp
            flush()
            run_cls = None
            out.append(m["other"])
            continue
        if m["bare"] is not None:
            cls, text = None, m["bare"]
        else:
            cls, text = CLASSES.get(m["cls"], m["cls"]), m["text"]
        if cls != run_cls:
            flush()
            run_cls = cls
        run_text.append(text)
    flush()
    return "".join(out)


def on_page_content(content, page, config, files):
    def block(m):
        return m[1] + _CODE.sub(lambda c: c[1] + thin_code(c[2]) + c[3], m[2]) + m[3]

    return _BLOCK.sub(block, content)


def on_post_page(output, page, config):
    return _PRINT_ASSETS.sub("", output)


def on_post_template(output_content, template_name, config):
    # 404.html (trang người đọc gặp khi gõ sai địa chỉ) không qua on_post_page
    return _PRINT_ASSETS.sub("", output_content) if template_name == "404.html" else output_content
