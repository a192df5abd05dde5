"""Các hook dựng trang: dấu rnnlab, lỗi rõ ràng, hình tất định, tệp tĩnh từ node_modules."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from hooks import assets, figures, runner, slugs

ROOT = Path(__file__).resolve().parents[2]


# --- dấu rnnlab: đọc và thay --------------------------------------------------------------------


def test_scan_finds_markers_outside_code_only():
    text = textwrap.dedent("""\
        Giá trị là <!-- rnnlab:value snippets/a.py acc .1% --> và `<!-- rnnlab:value snippets/a.py x -->`.

        <!-- rnnlab:run snippets/a.py -->

        ```markdown
        <!-- rnnlab:run snippets/trong_khoi_ma.py -->
        ```

        === "Thẻ"

            <!-- rnnlab:run snippets/b.py -->
        """)
    found = figures.scan(text, "t.md")
    assert [(m.kind, m.line, m.path, m.name, m.fmt, m.indent) for m in found] == [
        ("value", 1, "snippets/a.py", "acc", ".1%", ""),
        ("run", 3, "snippets/a.py", "", "", ""),
        ("run", 11, "snippets/b.py", "", "", "    "),
    ]


@pytest.mark.parametrize(
    "text, message",
    [
        ("Chữ <!-- rnnlab:run snippets/a.py --> giữa câu", "phải đứng riêng một dòng"),
        ("<!-- rnnlab:value snippets/a.py -->", "rnnlab:value cần dạng"),
        ("<!-- rnnlab:hinh snippets/a.py -->", "dấu lạ"),
    ],
)
def test_malformed_markers_are_errors_naming_the_line(text, message):
    with pytest.raises(PluginError, match=message) as err:
        figures.scan("dòng đầu\n" + text, "docs/x.md")
    assert "docs/x.md:2" in str(err.value)


def fake_result(**values):
    return runner.SnippetResult(
        "snippets/gradient/x.py",
        "dòng 1\n``` lạ\n",
        [("x-1.svg", b"<svg/>"), ("x-2.png", b"png")],
        values,
        0.1,
        titles=["Chuẩn [gradient] $h_t$", ""],
    )


def test_value_lookup_and_format():
    r = fake_result(acc=0.9312, by_cell={"lstm": 0.01}, losses=[3.0, 2.5])
    marker = figures.Marker("value", 1, 0, 0, r.path, "acc", ".1%")
    assert figures.format_value(r, marker, "t.md") == "93,1%"
    assert figures.format_value(r, figures.Marker("value", 1, 0, 0, r.path, "by_cell.lstm", ".2f"), "t") == "0,01"
    assert figures.format_value(r, figures.Marker("value", 1, 0, 0, r.path, "losses.-1", ""), "t") == "2,5"
    # số viết kiểu Việt: phẩy thập phân, chấm ngăn nghìn
    big = fake_result(n=1234567.891)
    assert figures.format_value(big, figures.Marker("value", 1, 0, 0, big.path, "n", ",.2f"), "t") == "1.234.567,89"
    with pytest.raises(PluginError, match=r"biến 'accuracy'.*Các biến nó có: acc, by_cell, losses"):
        figures.format_value(r, figures.Marker("value", 7, 0, 0, r.path, "accuracy", ".1%"), "t.md")
    with pytest.raises(PluginError, match="không định dạng được"):
        figures.format_value(fake_result(s="chữ"), figures.Marker("value", 1, 0, 0, r.path, "s", ".2f"), "t")


def test_run_block_puts_figures_then_output_and_keeps_indent():
    block = figures.run_block(fake_result(), "loai-rnn/lstm.md", "    ", first=3)
    lines = block.split("\n")
    assert lines[0] == '    <figure class="rnnlab-hinh" markdown>'
    # hình bấm được để mở cỡ đầy đủ; chú thích đánh số tiếp theo số hình trước đó trong trang
    assert lines[2].startswith('    [![Chuẩn \\[gradient\\] h_t](../figures/gradient/x-1.svg){ loading="lazy" }]')
    assert "(../figures/gradient/x-1.svg){ .rnnlab-hinh-mo" in lines[2]
    assert "    <figcaption markdown>Hình 3: Chuẩn [gradient] $h_t$</figcaption>" in lines
    assert "    <figcaption markdown>Hình 4</figcaption>" in lines
    assert any(
        line.startswith("    [![Hình 4 do snippets/gradient/x.py vẽ](../figures/gradient/x-2.png)") for line in lines
    )
    assert '    !!! ket-qua "Kết quả"' in lines
    assert "        ````text" in lines  # rào dài hơn mọi chuỗi ``` trong đầu ra
    assert all(line == "" or line.startswith("    ") for line in lines)


def test_figure_size_reads_svg_and_png_headers():
    svg = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="460.8pt" height="345.6pt" viewBox="0 0 460.8 345.6">'
    assert figures.figure_size(svg) == (614, 461)  # 1 pt = 4/3 px
    png = b"\x89PNG\r\n\x1a\n" + b"\0\0\0\rIHDR" + (640).to_bytes(4, "big") + (480).to_bytes(4, "big")
    assert figures.figure_size(png) == (640, 480)
    assert figures.figure_size(b"<svg/>") is None


def test_marker_added_after_on_files_still_gets_its_figure(tmp_path, monkeypatch):
    """Trang sửa giữa lúc dựng (mkdocs serve): snippet mới chạy trong on_page_markdown, hình vẫn được thêm."""
    from types import SimpleNamespace

    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    monkeypatch.setattr(runner, "CACHE", tmp_path / "cache")
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: thử\n", encoding="utf-8")
    snippet = tmp_path / "ve.py"
    snippet.write_text("import matplotlib.pyplot as plt\nplt.plot([0, 1])\nn = 7\nplt.show()\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    config.plugins._current_plugin = "hooks/figures.py"  # MkDocs đặt giá trị này khi gọi một sự kiện
    files = figures.on_files(Files([]), config)  # lúc này trang chưa có dấu nào
    assert len(files) == 0
    page = SimpleNamespace(file=SimpleNamespace(src_uri="a/b.md"))
    out = figures.on_page_markdown(
        f"n = <!-- rnnlab:value {snippet} n -->\n\n<!-- rnnlab:run {snippet} -->\n", page, config, files
    )
    assert out.startswith("n = 7\n")
    [fig] = files
    assert fig.src_uri.endswith("/ve-1.svg") and f"](../{fig.src_uri})" in out


# --- bản dựng nhỏ: lỗi phải dừng bản dựng và nói rõ ----------------------------------------------


def mini_site(build_site, tmp_path: Path, page: str, snippets: dict[str, str]):
    for name, code in snippets.items():
        (tmp_path / name).write_text(textwrap.dedent(code), encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(page.replace("TMP", tmp_path.as_posix()), encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"site_name: thử\ndocs_dir: docs\nhooks:\n  - {ROOT / 'hooks' / 'figures.py'}\n", encoding="utf-8"
    )
    return build_site(config, tmp_path / "site", RNNLAB_CACHE_DIR=str(tmp_path / "cache"))


def test_failing_snippet_fails_the_build_with_its_traceback(build_site, tmp_path):
    build = mini_site(
        build_site,
        tmp_path,
        "# A\n\n<!-- rnnlab:run TMP/hong.py -->\n",
        {
            "hong.py": """\
            def tinh():
                raise ValueError("số bước thời gian phải dương")

            tinh()
            """,
        },
    )
    assert build.returncode != 0
    assert "hong.py chạy lỗi" in build.output
    assert "Traceback" in build.output and 'hong.py", line 2, in tinh' in build.output
    assert "ValueError: số bước thời gian phải dương" in build.output
    assert "docs/index.md:3" in build.output


def test_unknown_value_and_missing_snippet_fail_the_build(build_site, tmp_path):
    build = mini_site(
        build_site,
        tmp_path,
        "Độ chính xác <!-- rnnlab:value TMP/tot.py accuracy .1% -->.\n",
        {
            "tot.py": "acc = 0.5\nprint('xong')\n",
        },
    )
    assert build.returncode != 0
    assert "biến 'accuracy'" in build.output and "Các biến nó có: acc" in build.output

    (tmp_path / "docs" / "index.md").write_text("<!-- rnnlab:run snippets/khong_co_tep_nay.py -->\n")
    build = build_site(tmp_path / "mkdocs.yml", tmp_path / "site", RNNLAB_CACHE_DIR=str(tmp_path / "cache"))
    assert build.returncode != 0
    assert "docs/index.md:1: không có snippet snippets/khong_co_tep_nay.py" in build.output


def test_figures_are_byte_identical_across_runs(tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "CACHE", tmp_path)
    first = runner.run_snippet("snippets/co_ban/xin_chao.py", use_cache=False)
    second = runner.run_snippet("snippets/co_ban/xin_chao.py", use_cache=False)
    assert not first.cached and not second.cached
    assert first.figures and first.figures == second.figures
    assert first.stdout == second.stdout
    # một lần chạy mới thay thế bản đệm cũ của cùng snippet, không để chồng chất
    assert len(list(tmp_path.glob("co_ban__xin_chao-*"))) == 1


# --- tệp tĩnh -------------------------------------------------------------------------------------


def test_vendor_files_follow_css_urls():
    found = assets.vendor_files(["vendor/katex/dist/katex.min.css", "stylesheets/rnnlab.css"])
    assert "stylesheets/rnnlab.css" not in found  # tệp của docs/ do MkDocs lo
    assert "vendor/katex/dist/fonts/KaTeX_Main-Regular.woff2" in found
    assert all(src.is_file() and "node_modules" in src.parts for src in found.values())


def test_vendor_css_from_another_host_is_refused(tmp_path, monkeypatch):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "a.css").write_text("@font-face { src: url(https://fonts.example/x.woff2) }")
    monkeypatch.setattr(assets, "NODE_MODULES", tmp_path)
    monkeypatch.setattr(assets, "ROOT", tmp_path)
    with pytest.raises(PluginError, match="từ máy khác"):
        assets.vendor_files(["vendor/pkg/a.css"])
    with pytest.raises(PluginError, match="Thiếu tệp"):
        assets.vendor_files(["vendor/pkg/khong-co.js"])


# --- neo tiêu đề ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Công thức", "cong-thuc"),
        ("Đóng góp", "dong-gop"),  # chữ đ không rơi mất như cách mặc định của Python-Markdown
        ("Biến mất gradient: vì sao?", "bien-mat-gradient-vi-sao"),
        ('<abbr title="x">Trạng thái ẩn</abbr> và ô nhớ', "trang-thai-an-va-o-nho"),
    ],
)
def test_headings_get_unaccented_anchors(title, slug):
    assert slugs.slugify(title, "-") == slug
