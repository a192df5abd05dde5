"""Các hook dựng trang: dấu rnnlab, lỗi rõ ràng, hình tất định, tệp tĩnh từ node_modules."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from hooks import assets, figures, page_check, runner, slugs

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
    # khoá có dấu chấm (như "1.5" của một dict theo ρ): khoá dài nhất khớp được
    dotted = fake_result(growth={"1.5": 1.25, "1": {"5": 0.0}})
    assert (
        figures.format_value(dotted, figures.Marker("value", 1, 0, 0, dotted.path, "growth.1.5", ".2f"), "t") == "1,25"
    )
    assert figures.lookup({"a": [{"0.5": 2}]}, "a.0.0.5") == 2
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
    markdown = f"n = <!-- rnnlab:value {snippet} n -->\n\n<!-- rnnlab:run {snippet} -->\n"
    page = SimpleNamespace(file=SimpleNamespace(src_uri="a/b.md", content_string=markdown))
    out = figures.on_page_markdown(markdown, page, config, files)
    assert out.startswith("n = 7\n")
    [fig] = files
    assert fig.src_uri.endswith("/ve-1.svg") and f"](../{fig.src_uri})" in out


# --- bản dựng nhỏ: lỗi phải dừng bản dựng và nói rõ ----------------------------------------------


def mini_site(build_site, tmp_path: Path, page: str, snippets: dict[str, str], config: str = "", hooks=("figures",)):
    """Dựng một trang nhỏ trong ``tmp_path``: ``docs/index.md`` = ``page`` (TMP → ``tmp_path``), tệp ``snippets``."""
    for name, code in snippets.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(textwrap.dedent(code), encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "index.md").write_text(page.replace("TMP", tmp_path.as_posix()), encoding="utf-8")
    hook_lines = "".join(f"  - {ROOT / 'hooks' / f'{h}.py'}\n" for h in hooks)
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: thử\ndocs_dir: docs\nhooks:\n{hook_lines}" + textwrap.dedent(config), encoding="utf-8"
    )
    return build_site(tmp_path / "mkdocs.yml", tmp_path / "site", RNNLAB_CACHE_DIR=str(tmp_path / "cache"))


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
    # traceback bắt đầu ở snippet: không có khung của bộ chạy (hooks/_exec.py, runpy)
    assert "_exec.py" not in build.output and "runpy" not in build.output


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
    # bản dựng lạnh nói nó đang làm gì
    assert "Chạy 1 snippet chưa có trong bộ nhớ đệm (lần dựng đầu tiên mất vài phút)" in build.output
    assert f"Đã chạy snippet 1/1: {tmp_path.as_posix()}/tot.py (" in build.output

    (tmp_path / "docs" / "index.md").write_text("<!-- rnnlab:run snippets/khong_co_tep_nay.py -->\n")
    build = build_site(tmp_path / "mkdocs.yml", tmp_path / "site", RNNLAB_CACHE_DIR=str(tmp_path / "cache"))
    assert build.returncode != 0
    assert "docs/index.md:1: không có snippet snippets/khong_co_tep_nay.py" in build.output


@pytest.mark.slow  # chạy snippet trang chủ hai lần, không dùng bộ nhớ đệm
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


# --- mỗi lỗi hay gặp của người đóng góp có một thông báo lúc dựng (hooks/checks.py, glossary.py) ------


def test_snippet_without_a_test_is_a_build_warning(build_site, tmp_path):
    build = mini_site(
        build_site,
        tmp_path,
        "# A\n",
        {"snippets/co_ban/moi.py": "x = 1\n", "tests/snippets/test_khac.py": "# snippets/co_ban/khac.py\n"},
        hooks=("checks",),
    )
    assert build.returncode != 0  # --strict: cảnh báo làm bản dựng dừng
    assert (
        "WARNING -  snippets/co_ban/moi.py chưa có kiểm thử: thêm tests/snippets/test_co_ban_moi.py "
        "gọi run_snippet('snippets/co_ban/moi.py')" in build.output
    )


def test_avoided_word_is_a_build_warning_naming_the_preferred_term(build_site, tmp_path):
    nfd = unicodedata.normalize("NFD", "Độ dốc nhỏ dần qua từng bước.")  # gõ bằng dấu tổ hợp
    build = mini_site(
        build_site, tmp_path, f"# A\n\n{nfd}\n", {}, config="markdown_extensions:\n  - abbr\n", hooks=("glossary",)
    )
    assert build.returncode != 0
    assert (
        "WARNING -  docs/index.md:3: 'độ dốc' nằm trong cột avoid của docs/_data/glossary.tsv; "
        "dùng 'gradient' (tiếng Anh: gradient)" in build.output
    )


def test_python_block_that_is_not_run_is_a_build_warning(build_site, tmp_path):
    page = '# A\n\n!!! note "Thử"\n\n    ```{.python}\n    print(1)\n    ```\n'
    build = mini_site(
        build_site, tmp_path, page, {}, config="markdown_extensions:\n  - admonition\n", hooks=("checks",)
    )
    assert build.returncode != 0
    assert "WARNING -  docs/index.md:5: khối Python thụt lề (trong thẻ === hay hộp !!!) không được" in build.output


SNIPPETS_EXT = """\
markdown_extensions:
  - pymdownx.superfences
  - pymdownx.snippets:
      base_path: [TMP]
      check_paths: true
"""


def test_include_path_typo_names_page_line_and_the_close_file(build_site, tmp_path):
    page = '---\ntitle: Thử\n---\n# A\n\n```{.python notest}\n--8<-- "snippets/co_ban/xin_chao_.py"\n```\n'
    build = mini_site(
        build_site,
        tmp_path,
        page,
        {"snippets/co_ban/xin_chao.py": "# --8<-- [start:forward]\nx = 1\n# --8<-- [end:forward]\n"},
        config=SNIPPETS_EXT.replace("TMP", tmp_path.as_posix()),
        hooks=("checks",),
    )
    assert build.returncode != 0
    # dòng 7 của tệp (front matter 3 dòng được tính), không phải traceback 41 dòng của pymdownx
    assert (
        'docs/index.md:7: --8<-- "snippets/co_ban/xin_chao_.py": không có tệp snippets/co_ban/xin_chao_.py '
        "(đường dẫn tính từ gốc kho mã). Có phải ý bạn là snippets/co_ban/xin_chao.py?" in build.output
    )
    assert "Traceback" not in build.output

    (tmp_path / "docs" / "index.md").write_text('# A\n\n--8<-- "snippets/co_ban/xin_chao.py:forwad"\n')
    build = build_site(tmp_path / "mkdocs.yml", tmp_path / "site", RNNLAB_CACHE_DIR=str(tmp_path / "cache"))
    assert build.returncode != 0
    assert 'docs/index.md:3: --8<-- "snippets/co_ban/xin_chao.py:forwad": snippets/co_ban/xin_chao.py không có mục' in (
        build.output
    )
    assert "Các mục nó có: forward" in build.output


ANCHORS = """\
markdown_extensions:
  - toc
validation:
  links:
    anchors: warn
"""


def test_missing_anchor_suggests_the_unaccented_slug_or_lists_anchors(build_site, tmp_path):
    page = "# A\n\nXem [công thức](b.md#công-thức).\n\nXem [khác](b.md#khong-co).\n"
    build = mini_site(
        build_site,
        tmp_path,
        page,
        {"docs/b.md": "# B\n\n## Công thức\n\n## Ví dụ\n"},
        config=ANCHORS,
        hooks=("checks", "slugs"),
    )
    assert build.returncode != 0
    assert (
        "docs/index.md:3: liên kết b.md#công-thức trỏ tới neo #công-thức mà b.md không có; "
        "neo viết không dấu: dùng #cong-thuc." in build.output
    )
    assert "docs/index.md:5: liên kết b.md#khong-co" in build.output
    assert "các neo của b.md: #b, #cong-thuc, #vi-du." in build.output
    assert "WARNING -  Doc file" not in build.output  # thông báo tiếng Anh của MkDocs chỉ còn ở mức INFO


def test_page_missing_from_nav_names_the_page_and_where_to_add_it(build_site, tmp_path):
    config = "nav:\n  - Trang chủ: index.md\nvalidation:\n  nav:\n    omitted_files: warn\n"
    build = mini_site(build_site, tmp_path, "# A\n", {"docs/moi.md": "# Mới\n"}, config=config, hooks=("checks",))
    assert build.returncode != 0
    assert (
        "WARNING -  docs/moi.md: trang không có trong nav nên không hiện trong mục lục; "
        "thêm một dòng `- Tiêu đề: moi.md` vào nav của mkdocs.yml (quanh dòng mkdocs.yml:5)." in build.output
    )


def test_marker_line_numbers_count_the_front_matter(build_site, tmp_path):
    page = (
        "---\ntitle: Thử\ndescription: một trang\n---\n\nĐộ chính xác <!-- rnnlab:value TMP/tot.py accuracy .1% -->.\n"
    )
    build = mini_site(build_site, tmp_path, page, {"tot.py": "acc = 0.5\n"})
    assert build.returncode != 0
    assert "docs/index.md:6: <!-- rnnlab:value" in build.output and "biến 'accuracy'" in build.output


@pytest.mark.slow  # một phiên pytest lồng
def test_broken_build_fails_one_test_with_the_errors_first_and_skips_the_rest(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# A\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: thử\nnav:\n  - khong-co.md\n", encoding="utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\nmarkers =\n    slow\n", encoding="utf-8")
    (tmp_path / "test_x.py").write_text(
        "from tests.docs.conftest import require_success\n\n\n"
        "def test_a(site_build):\n    require_success(site_build)\n\n\n"
        + "".join(f"def test_{k}(built_site):\n    assert built_site.returncode == 0\n\n\n" for k in "bc"),
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "tests.docs.conftest", "-p", "no:cacheprovider", "-rs", "test_x.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ, PYTHONPATH=str(ROOT), RNNLAB_MKDOCS_CONFIG=str(tmp_path / "mkdocs.yml")),
    )
    out = proc.stdout
    assert "1 failed, 2 skipped" in out, out
    assert out.count("mkdocs build --strict thất bại") == 1
    errors = out.split("Lỗi:\n", 1)[1]
    assert errors.startswith("WARNING") and "khong-co.md" in errors.split("\n", 1)[0]  # nguyên nhân đứng đầu
    assert "Aborted" not in out
    assert out.count("nhật ký đầy đủ ở test_site_builds_strict") == 2


def test_page_check_finds_the_page_snippets_and_their_tests():
    text = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    snippets = page_check.page_snippets(text)
    assert snippets == ["snippets/co_ban/xin_chao.py"]
    assert page_check.tests_for(snippets) == ["tests/snippets/test_co_ban_xin_chao.py"]
    assert page_check.main(["README.md"]) == 2  # không phải trang trong docs/


def test_places_name_each_page_once():
    assert figures.places(["a.md:3", "a.md:3", "a.md:9", "b.md:1"]) == "a.md:3,9, b.md:1"


@pytest.mark.slow  # dựng cả trang (từ bộ nhớ đệm) và một phiên pytest lồng
def test_dev_check_builds_and_runs_the_page_tests():
    proc = subprocess.run(
        [sys.executable, "-m", "hooks.page_check", "docs/index.md"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Snippet của trang: snippets/co_ban/xin_chao.py" in proc.stdout
    assert "tests/snippets/test_co_ban_xin_chao.py" in proc.stdout and " passed" in proc.stdout
    assert "docs/index.md: ổn." in proc.stdout


def test_notebook_css_keeps_only_the_rules_the_page_uses_and_caches_the_result(tmp_path):
    from hooks import notebook_css

    css = (
        ".jupyter-wrapper .jp-Cell{color:red}.jupyter-wrapper .jp-Toolbar{color:blue}"
        "@media print{.jupyter-wrapper .jp-Toolbar{top:0}.jupyter-wrapper .jp-Cell{margin:0}}"
        ".jupyter-wrapper :root{--jp-icon-add: url(data:x)}:root{--md-x: 1}"  # luật đầu không khớp gì
    )
    html = f'<style>{css}</style><div class="jupyter-wrapper"><div class="jp-Cell">x</div></div>'
    first = notebook_css.slim(html, tmp_path)
    assert ".jp-Cell{color:red}" in first and ".jp-Cell{margin:0}" in first and "jp-Toolbar" not in first
    assert "--jp-icon-add" not in first and ":root{--md-x: 1}" in first
    [cached] = tmp_path.iterdir()
    cached.write_text(".jupyter-wrapper .jp-Cell{color:green}", encoding="utf-8")  # lần sau đọc từ bộ nhớ đệm
    assert "color:green" in notebook_css.slim(html, tmp_path)
    assert notebook_css.slim(html) == first  # không bộ nhớ đệm: lọc lại, cùng kết quả


def test_diagram_geometry_is_rounded_to_a_hundredth_of_a_pixel_and_nothing_else_changes():
    from hooks import diagrams

    svg = (
        '<svg viewBox="0 0 704.7117309570312 266.75" style="max-width: 704.7117309570312px;">'
        '<path d="M-0.625 -19.5 C-0.23709484840602602 -19.5, 0.15081030318794797 1e-3, 2.0000000001 -0.0001"/>'
        '<g transform="translate(12.123456, -3.999999)"><text>1.23456789</text></g>'
        '<polygon points="1.005001,2.333333 3,4"/></svg>'
    )
    out = diagrams.compact(svg)
    assert 'd="M-0.62 -19.5 C-0.24 -19.5, 0.15 1e-3, 2 0"' in out
    assert 'transform="translate(12.12, -4)"' in out and 'points="1.01,2.33 3,4"' in out
    # chữ, viewBox và cỡ tối đa giữ nguyên
    assert "<text>1.23456789</text>" in out and 'viewBox="0 0 704.7117309570312 266.75"' in out
    assert "max-width: 704.7117309570312px" in out
