"""Trang đã dựng cho người đọc mang về: trang "Cài đặt và tải về" với wheel, lệnh cài, phiên bản, PDF và
bản ngoại tuyến; "Tải về" dưới mỗi snippet nhúng; "Sửa trang này" / "Báo lỗi" trên mọi trang; bản PDF
(số trang, tiêu đề mọi trang còn nguyên dấu); bản zip mở từ ``file://`` trong Chromium, không máy chủ.

Dùng bản dựng chung của phiên kiểm thử (``built_site`` trong conftest.py).
"""

from __future__ import annotations

import html
import importlib.metadata as md
import os
import platform
import posixpath
import re
import sys
import unicodedata
import urllib.parse
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from hooks import takehome, takehome_offline, takehome_pdf  # noqa: E402

pytestmark = pytest.mark.slow

INCLUDE = re.compile(r"""^\s*--8<--\s+["'](snippets/[^"':]+\.py)(?::[\w-]+)?["']\s*$""", re.M)
HREF = re.compile(r"""<a\b[^>]*\bhref="([^"]*)"[^>]*>(.*?)</a>""", re.S)


@pytest.fixture(scope="module")
def config():
    from mkdocs.config import load_config

    return load_config(str(ROOT / "mkdocs.yml"))


def nav_pages(items) -> list[tuple[str, str]]:
    """(tiêu đề, tệp nguồn) của mọi trang trong nav, theo thứ tự."""
    out = []
    for item in items:
        for title, value in item.items():
            out += nav_pages(value) if isinstance(value, list) else [(title, value)]
    return out


def page_html(site: Path, src: str) -> str:
    stem = posixpath.splitext(src)[0]
    rel = "index.html" if stem == "index" else f"{stem.removesuffix('/index')}/index.html"
    return (site / rel).read_text(encoding="utf-8")


def page_dir(src: str) -> str:
    stem = posixpath.splitext(src)[0]
    return "" if stem == "index" else stem.removesuffix("/index")


def links(text: str) -> list[tuple[str, str]]:
    return [(html.unescape(href), re.sub(r"<[^>]+>", "", label).strip()) for href, label in HREF.findall(text)]


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


# --- trang cài đặt --------------------------------------------------------------------------------


def test_download_page_serves_the_wheel_with_one_install_command(built_site, config):
    wheel = takehome.build_wheel()
    served = built_site.site / "tai-ve" / wheel.name
    assert served.read_bytes() == wheel.read_bytes()
    with zipfile.ZipFile(served) as z:
        meta = z.read(f"rnnlab-{takehome.versions()['rnnlab']}.dist-info/METADATA").decode()
    assert re.search(r"^Requires-Dist: matplotlib", meta, re.M), meta
    page = page_html(built_site.site, "cai-dat.md")
    command = f"pip install {config.site_url}tai-ve/{wheel.name}"
    assert command in norm(html.unescape(re.sub(r"<[^>]+>", "", page))), "trang không có lệnh cài một dòng"
    # trang có trong nav và trang chủ dẫn tới nó
    assert ("Cài đặt và tải về", "cai-dat.md") in nav_pages(config.nav)
    assert any(href in ("cai-dat/", "cai-dat/index.html") for href, _ in links(page_html(built_site.site, "index.md")))
    for uri in (takehome.ZIP_URI,) + (() if no_pdf_here() else (takehome.PDF_URI,)):
        assert any(posixpath.normpath(posixpath.join("cai-dat", h)) == uri for h, _ in links(page)), uri
        assert (built_site.site / uri).stat().st_size > 100_000, uri


def test_download_page_states_the_versions(built_site):
    text = norm(re.sub(r"<[^>]+>", " ", page_html(built_site.site, "cai-dat.md")))
    for name, version in [
        ("rnnlab", takehome.versions()["rnnlab"]),
        ("PyTorch", md.version("torch")),
        ("Python", platform.python_version()),
        ("Matplotlib", md.version("matplotlib")),
    ]:
        assert f"{name} {version}" in text, f"thiếu phiên bản {name} {version}"


def test_every_embedded_snippet_has_a_download_link(built_site, config):
    checked = 0
    for _, src in nav_pages(config.nav):
        if not src.endswith(".md"):
            continue
        snippets = set(INCLUDE.findall((ROOT / "docs" / src).read_text(encoding="utf-8")))
        if not snippets:
            continue
        found = {}
        for href, label in links(page_html(built_site.site, src)):
            if label.startswith("Tải về "):
                found[label.removeprefix("Tải về ")] = posixpath.normpath(posixpath.join(page_dir(src), href))
        for snippet in sorted(snippets):
            name = posixpath.basename(snippet)
            assert name in found, f"docs/{src}: không có 'Tải về {name}'"
            served = built_site.site / found[name]
            assert served.read_bytes() == (ROOT / snippet).read_bytes(), f"{found[name]} khác {snippet}"
            checked += 1
        text = norm(re.sub(r"<[^>]+>", " ", page_html(built_site.site, src)))
        assert f"PyTorch {md.version('torch')}" in text, f"docs/{src}: không ghi phiên bản đã tính kết quả"
    assert checked >= 20, checked


def test_every_page_has_edit_and_report_links(built_site, config):
    repo = config.repo_url.rstrip("/")
    for title, src in nav_pages(config.nav):
        found = dict((label, href) for href, label in links(page_html(built_site.site, src)))
        assert found.get("Sửa trang này") == f"{repo}/edit/main/docs/{src}", src
        report = urllib.parse.urlsplit(found["Báo lỗi"])
        assert f"{report.scheme}://{report.netloc}{report.path}" == f"{repo}/issues/new", src
        query = urllib.parse.parse_qs(report.query)
        assert f"docs/{src}" in query["title"][0] and f"docs/{src}" in query["body"][0], src
        assert title in query["title"][0] or src.endswith(".py"), (src, query["title"])  # sổ tay: tiêu đề từ ô đầu


def test_pages_do_not_call_the_github_api(built_site):
    for page in built_site.html_pages():
        assert 'data-md-component="source"' not in page.read_text(encoding="utf-8"), page


# --- PDF ------------------------------------------------------------------------------------------


def no_pdf_here() -> str | None:
    """Vì sao bản dựng ở máy này không có PDF (thiếu Chromium, ngoài CI); None nếu phải có."""
    return None if takehome_pdf.in_ci() else takehome_pdf.pdf_unavailable_reason()


def test_pdf_has_every_page_title_with_diacritics(built_site, config):
    if no_pdf_here():
        pytest.skip(f"bản dựng ở máy này không có PDF: {no_pdf_here()}")
    import pypdfium2

    pdf = pypdfium2.PdfDocument(built_site.site / takehome.PDF_URI)
    assert len(pdf) >= 20, len(pdf)
    text = norm(" ".join(page.get_textpage().get_text_range() for page in pdf))
    missing = [title for title, _ in nav_pages(config.nav) if norm(title) not in text]
    assert not missing, f"PDF thiếu tiêu đề: {missing}"
    assert "Mạng nơ-ron hồi tiếp" in text  # chữ có dấu đọc ra đúng, không vỡ thành ký tự lạ
    assert re.search(r"Trang 3 / \d+", text), "PDF không có số trang"
    assert "Mục lục" in text


# --- bản ngoại tuyến ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def offline_copy(built_site, tmp_path_factory) -> Path:
    """Bản zip giải nén vào một thư mục tạm; trả về thư mục gốc của trang trong đó."""
    where = tmp_path_factory.mktemp("ngoai-tuyen")
    with zipfile.ZipFile(built_site.site / takehome.ZIP_URI) as z:
        z.extractall(where)
    return where / takehome_offline.ZIP_FOLDER


def test_offline_copy_has_every_page_and_its_links_resolve(offline_copy, config):
    for _, src in nav_pages(config.nav):
        assert (offline_copy / page_dir(src) / "index.html").is_file(), src
    broken = []
    for page in offline_copy.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for url in re.findall(r"""\b(?:href|src)="([^"]*)\"""", text):
            url = html.unescape(url)
            if not url or re.match(r"^([a-z][a-z0-9+.-]*:|//|#)", url, re.I):
                continue
            target = (page.parent / urllib.parse.unquote(url.split("#")[0].split("?")[0])).resolve()
            if not target.is_file():
                broken.append(f"{page.relative_to(offline_copy)} → {url}")
    assert not broken, f"{len(broken)} liên kết hỏng khi mở từ file://, ví dụ: {broken[:10]}"


def test_offline_copy_works_from_file_url(offline_copy, built_site, config, browser):
    requested_outside = []
    page = browser.new_page()  # trình duyệt chung của cả phiên kiểm thử (tests/docs/conftest.py)
    try:
        page.on(
            "request",
            lambda r: (
                None if r.url.startswith(("file:", "data:", "blob:", "about:")) else requested_outside.append(r.url)
            ),
        )
        for _, src in nav_pages(config.nav):
            url = (offline_copy / page_dir(src) / "index.html").as_uri()
            page.goto(url, wait_until="load")
            # trang mở được và là đúng trang: tiêu đề h1 như bản trên máy chủ
            online = re.search(r"<h1[^>]*>(.*?)</h1>", page_html(built_site.site, src), re.S).group(1)
            expected = norm(html.unescape(re.sub(r"<[^>]+>", "", online))).rstrip("¶").strip()
            assert norm(page.locator("article h1").first.inner_text()).rstrip("¶").strip() == expected, src
            page.evaluate("document.querySelectorAll('img').forEach(i => { i.loading = 'eager'; })")
            page.wait_for_function("[...document.images].every(i => i.complete)", timeout=30_000)
            broken = page.evaluate("[...document.images].filter(i => !i.naturalWidth).map(i => i.src)")
            assert not broken, f"{src}: hình không tải được từ file://: {broken}"
            if page.locator(".arithmatex").count():
                page.wait_for_function(
                    "[...document.querySelectorAll('.arithmatex')].every(m => m.querySelector('.katex'))",
                    timeout=30_000,
                )
            if page.locator(".mermaid").count():
                page.wait_for_function(
                    "[...document.querySelectorAll('.mermaid')]"
                    ".every(m => m.tagName !== 'PRE' && m.getBoundingClientRect().height > 20)",
                    timeout=30_000,
                )
        # Tìm kiếm: một từ thường ("gradient") phải cho kết quả, và kết quả dẫn tới một tệp có thật.
        page.goto((offline_copy / "index.html").as_uri(), wait_until="load")
        page.click("input.md-search__input")
        page.keyboard.type("gradient")
        page.wait_for_selector(".md-search-result__item", timeout=30_000)
        href = page.locator(".md-search-result__item a").first.get_attribute("href")
        assert href.startswith("file://") and ".html" in href, href
        target = Path(urllib.parse.unquote(urllib.parse.urlsplit(href).path))
        assert target.is_file(), href
    finally:
        page.close()
    assert not requested_outside, f"bản ngoại tuyến tải từ mạng: {requested_outside[:5]}"


def test_offline_zip_is_not_in_itself(offline_copy):
    assert not (offline_copy / takehome.ZIP_URI).exists()
    assert no_pdf_here() or (offline_copy / takehome.PDF_URI).is_file()
    assert os.path.getsize(offline_copy / "search" / "search_index.js") > 10_000


# --- thiếu Chromium -------------------------------------------------------------------------------


def test_local_build_without_chromium_still_builds_and_says_why(build_site, tmp_path):
    build = build_site(ROOT / "mkdocs.yml", tmp_path / "site", RNNLAB_CHROMIUM="/khong/co/chromium", CI="")
    assert build.returncode == 0, build.output[-3000:]
    assert "bỏ qua bản PDF" in build.output and "/khong/co/chromium" in build.output
    assert not (build.site / takehome.PDF_URI).exists()
    assert "Bản dựng này không có PDF" in page_html(build.site, "cai-dat.md")
    assert (build.site / takehome.ZIP_URI).stat().st_size > 100_000


def test_ci_build_without_chromium_fails(build_site, tmp_path):
    build = build_site(ROOT / "mkdocs.yml", tmp_path / "site", RNNLAB_CHROMIUM="/khong/co/chromium", CI="true")
    assert build.returncode != 0
    assert "Bản dựng trong CI phải có bản PDF" in build.output
