"""Trang nhẹ cho điện thoại (hooks/light.py, và phần của glossary.py, a11y.py, search.py): bớt phần tử và
tệp mà người đọc không thấy khác gì."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pygments
import pytest
from mkdocs.theme import Theme
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from hooks import a11y, glossary, light, search

ROOT = Path(__file__).resolve().parents[2]
SNIPPETS = sorted((ROOT / "snippets").rglob("*.py")) + sorted((ROOT / "rnnlab").glob("*.py"))


def material_css() -> dict[str, str]:
    """CSS của Material đang cài: {"main": ..., "palette": ...}."""
    folder = Path(Theme("material").dirs[0]) / "assets" / "stylesheets"
    return {name: next(folder.glob(f"{name}.*.min.css")).read_text(encoding="utf-8") for name in ("main", "palette")}


def token_colors() -> dict[str, dict[str, str]]:
    """{lược đồ màu: {lớp Pygments: màu}} theo CSS của Material; lớp không có quy tắc mang màu chữ của mã."""
    css = material_css()
    classes = {}
    for rule, var in re.findall(r"((?:\.highlight \.[\w-]+,?)+)\{color:var\((--[\w-]+)\)\}", css["main"]):
        for cls in re.findall(r"\.highlight \.([\w-]+)", rule):
            classes[cls] = var
    schemes = {}
    for scheme, text in (("default", css["main"]), ("slate", css["palette"])):
        values = dict(re.findall(r"(--md-code-hl-[\w-]+-color):([^;}]+)", text))
        fg = "var(--md-code-fg-color)"
        schemes[scheme] = {cls: values.get(var, var).strip() for cls, var in classes.items()} | {None: fg}
    return schemes


def colored_text(code_html: str, colors: dict[str, str]) -> list[tuple[str, str]]:
    """[(ký tự, màu)] của một khối mã: màu theo lớp của span trong cùng bao quanh ký tự."""
    out = []
    for m in re.finditer(r'<span class="([\w-]+)">([^<]*)</span>|([^<]+)|<[^>]*>', code_html):
        if m[3] is not None:
            out += [(ch, colors[None]) for ch in re.sub(r"&\w+;", "&", m[3])]
        elif m[1] is not None:
            color = colors.get(m[1], colors[None])
            out += [(ch, color) for ch in re.sub(r"&\w+;", "&", m[2])]
    return out


def visible_text(code: str) -> str:
    """Chữ người đọc thấy trong một khối mã (bỏ mọi thẻ)."""
    return html.unescape(re.sub(r"<[^>]+>", "", code))


def pygments_html(path: Path) -> str:
    return pygments.highlight(path.read_text(encoding="utf-8"), PythonLexer(), HtmlFormatter(nowrap=True))


def test_material_gives_names_the_code_color_and_operators_the_punctuation_color():
    # Điều hooks/light.py dựa vào; Material đổi màu thì kiểm thử này báo trước khi trang đổi màu.
    for scheme, colors in token_colors().items():
        assert colors["n"] == colors[None] == "var(--md-code-fg-color)", scheme
        assert colors["o"] == colors["ow"] == colors["p"], scheme
        assert "w" not in colors, scheme


@pytest.mark.parametrize("path", SNIPPETS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_thinned_code_shows_the_same_characters_in_the_same_colors(path):
    before = pygments_html(path)
    after = light.thin_code(before)
    assert visible_text(after) == visible_text(before)
    for scheme, colors in token_colors().items():
        assert colored_text(after, colors) == colored_text(before, colors), scheme
    assert after.count("<span") < before.count("<span")


def test_thinning_drops_at_least_a_fifth_of_the_spans_over_all_code():
    before = sum(pygments_html(p).count("<span") for p in SNIPPETS)
    after = sum(light.thin_code(pygments_html(p)).count("<span") for p in SNIPPETS)
    assert after < 0.8 * before, (before, after)


def test_thin_code_keeps_other_tags_and_merges_runs():
    code = (
        '<span class="hll"><span class="n">x</span><span class="w"> </span><span class="o">=</span>'
        '<span class="w"> </span><span class="p">(</span><span class="mi">1</span><span class="p">)</span></span>'
        '<span class="p">)</span><span class="o">.</span><span class="n">y</span>'
    )
    assert light.thin_code(code) == (
        '<span class="hll">x <span class="p">=</span> <span class="p">(</span><span class="mi">1</span>'
        '<span class="p">)</span></span><span class="p">).</span>y'
    )


def test_code_blocks_of_the_page_are_thinned_and_other_html_is_not():
    page = (
        '<p><span class="n">không phải mã</span></p>\n'
        '<div class="language-python highlight"><pre><span></span><code><span class="n">a</span>'
        '<span class="o">+</span><span class="n">b</span>\n</code></pre></div>\n'
        '<div class="highlight"><span class="filename">x.py</span><pre><span></span><code>'
        '<span class="n">c</span></code></pre></div>'
    )
    out = light.on_page_content(page, None, None, None)
    assert '<p><span class="n">không phải mã</span></p>' in out
    assert '<code>a<span class="p">+</span>b\n</code>' in out
    assert '<span class="filename">x.py</span><pre><span></span><code>c</code>' in out


def test_print_site_assets_are_dropped_from_ordinary_pages():
    head = (
        '<link rel="stylesheet" href="../css/print-site.css">\n'
        '<link rel="stylesheet" href="../css/print-site-material.css">\n'
        '<link rel="stylesheet" href="../stylesheets/rnnlab.css">\n'
        '<script src="../js/print-site.js"></script>'
    )
    assert light.on_post_page(head, None, None) == '\n<link rel="stylesheet" href="../stylesheets/rnnlab.css">'


def test_glossary_tooltip_only_on_the_first_use_in_the_text():
    html = (
        '<h2><abbr title="tiếng Anh: gate">Cổng</abbr></h2>\n'
        '<p><abbr title="tiếng Anh: gate">cổng</abbr> và <abbr title="tiếng Anh: cell">ô</abbr>, '
        '<abbr title="tiếng Anh: gate">cổng</abbr> nữa; <abbr title="tiếng Anh: cell">ô nhớ</abbr>.</p>'
    )
    assert glossary.first_only(html) == (
        '<h2><abbr title="tiếng Anh: gate">Cổng</abbr></h2>\n'
        '<p><abbr title="tiếng Anh: gate">cổng</abbr> và <abbr title="tiếng Anh: cell">ô</abbr>, '
        "cổng nữa; ô nhớ.</p>"
    )


def test_table_with_an_empty_corner_gets_row_headers():
    table = (
        "<table>\n<thead>\n<tr>\n<th></th>\n<th>lúc khởi tạo</th>\n</tr>\n</thead>\n<tbody>\n"
        '<tr>\n<td>RNN</td>\n<td>1,1e-10</td>\n</tr>\n<tr>\n<td style="text-align: left;">LSTM</td>\n'
        "<td>1,2e-05</td>\n</tr>\n</tbody>\n</table>"
    )
    out = a11y.row_headers(table)
    assert '<th scope="row">RNN</th>\n<td>1,1e-10</td>' in out
    assert '<th scope="row" style="text-align: left;">LSTM</th>\n<td>1,2e-05</td>' in out
    assert "<th></th>\n<th>lúc khởi tạo</th>" in out
    full = "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n</tr>\n</tbody>\n</table>"
    assert a11y.row_headers(full) == full  # có tiêu đề ở góc: cột đầu là dữ liệu


def test_search_scripts_go_inline_at_the_end_of_head():
    out = search.on_post_page("<html><head><meta charset=utf-8><title>t</title></head><body></body></html>", None, None)
    head = out.split("</head>")[0]
    assert head.startswith("<html><head><meta charset=utf-8>")  # charset vẫn ở đầu
    assert head.count("</script>") == 2 and "iframe-worker" not in head  # viết thẳng, không tải tệp
    shim, defer = head.split("</script>")[:2]
    assert "window.Worker" in shim and "search_index" in defer
    assert "// " not in defer  # chú thích của search_defer.js không đi vào trang


def test_code_blocks_are_keyboard_focusable_before_material_mounts_them():
    page = (
        '<div class="language-python highlight"><pre><span></span><code>x</code></pre></div>'
        '<div class="highlight"><span class="filename">a.py</span><pre><span></span><code>y</code></pre></div>'
        '<div class="highlight-ipynb"><pre><span></span><code>z</code></pre></div>'
    )
    out = a11y.on_post_page(page, None, None)
    assert out.count('<code tabindex="0">') == 2
    assert '<div class="highlight-ipynb" tabindex="0"><pre><span></span><code>z' in out  # ô sổ tay: một chỗ dừng
