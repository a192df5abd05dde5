"""Trang dựng được, đủ trang, đủ hình, và không tải gì từ máy khác."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from hooks import figures, glossary, runner
from tests.docs.conftest import require_success

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"

# Thuộc tính nạp tài nguyên (không phải liên kết để bấm): (thẻ, thuộc tính).
RESOURCE_ATTRS = {
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("iframe", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("image", "href"),
    ("image", "xlink:href"),
    ("use", "href"),
    ("track", "src"),
}
RESOURCE_RELS = {
    "stylesheet",
    "preload",
    "modulepreload",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "manifest",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "mask-icon",
}
EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.I)  # có scheme hoặc //máy-khác
INLINE_OK = re.compile(r"^\s*(?:data|blob|about|javascript):", re.I)


class Resources(HTMLParser):
    """Gom mọi URL tài nguyên (script, CSS, phông, ảnh...) và nội dung <style>/<script> nội tuyến."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str]] = []  # (thẻ.thuộc tính, url)
        self.inline: list[str] = []
        self._in = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name, value in attrs:
            if value is None:
                continue
            if (tag, name) in RESOURCE_ATTRS:
                for part in value.split(",") if name == "srcset" else [value]:
                    self.urls.append((f"{tag}.{name}", part.strip().split(" ")[0]))
            if name == "style":
                self.inline.append(value)
        if tag == "link" and a.get("href") and RESOURCE_RELS & set((a.get("rel") or "").lower().split()):
            self.urls.append(("link.href", a["href"]))
        if tag in ("style", "script") and not a.get("src"):
            self._in = tag

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in:
            self.inline.append(data)


def resources(page: Path) -> Resources:
    parser = Resources()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def nav_pages() -> list[tuple[str, str]]:
    """[(tiêu đề, tệp nguồn)] của mọi trang trong nav của mkdocs.yml."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !relative, !!python/... không cần ở đây
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)

    def walk(items):
        for item in items:
            if isinstance(item, dict):
                for title, value in item.items():
                    yield from walk(value) if isinstance(value, list) else [(title, value)]
            else:
                yield (None, item)

    return [(t, v) for t, v in walk(config["nav"]) if not EXTERNAL.match(v)]


def built_path(site: Path, src: str) -> Path:
    """Tệp HTML của trang nguồn ``src`` (use_directory_urls: a/b.md → a/b/index.html)."""
    stem = posixpath.splitext(src)[0]
    if posixpath.basename(stem) == "index":
        return site / posixpath.dirname(stem) / "index.html"
    return site / stem / "index.html"


def local_target(site: Path, page: Path, url: str) -> Path:
    path = unquote(urlsplit(url).path)
    target = ((site / path.lstrip("/")) if path.startswith("/") else (page.parent / path)).resolve()
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


# --- kiểm thử -------------------------------------------------------------------------------------


def test_site_builds_strict(site_build):
    """Kiểm thử duy nhất in nhật ký khi bản dựng hỏng; các kiểm thử khác của trang bỏ qua."""
    require_success(site_build)


def test_build_strict_has_no_warnings(built_site):
    bad = [line for line in built_site.output.splitlines() if re.search(r"\b(WARNING|ERROR)\b", line)]
    assert not bad, "mkdocs in cảnh báo/lỗi:\n" + "\n".join(bad)


def test_every_nav_page_is_built(built_site):
    pages = nav_pages()
    assert len(pages) >= 13  # trang chủ, 5 loại RNN, 4 trang gradient, sổ tay, thuật ngữ, đóng góp
    for title, src in pages:
        assert (DOCS / src).is_file(), f"nav trỏ tới {src} nhưng docs/{src} không có"
        html = built_path(built_site.site, src)
        assert html.is_file(), f"trang {title!r} ({src}) không được dựng ra {html}"
        text = html.read_text(encoding="utf-8")
        assert "<article" in text and "<h1" in text, f"{html} không có nội dung"


def test_every_figure_marker_became_figures_in_the_page(built_site):
    pages_with_markers = 0
    for md in sorted(DOCS.rglob("*.md")):
        src = md.relative_to(DOCS).as_posix()
        runs = [m for m in figures.scan(md.read_text(encoding="utf-8"), src) if m.kind == "run"]
        if not runs:
            continue
        pages_with_markers += 1
        html_file = built_path(built_site.site, src)
        imgs = [url for kind, url in resources(html_file).urls if kind == "img.src"]
        for marker in runs:
            result = runner.run_snippet(marker.path)  # từ bộ nhớ đệm mà bản dựng vừa dùng
            for name, data in result.figures:
                uri = figures.figure_uri(result.path, name)
                built = built_site.site / uri
                assert built.is_file(), f"{src}: thiếu hình {uri}"
                # cùng byte với kết quả của bộ chạy: hình không bị vẽ lại hay sửa trên đường đi
                assert built.read_bytes() == data, f"{uri} khác với hình snippet {result.path} vẽ"
                assert any(local_target(built_site.site, html_file, u) == built.resolve() for u in imgs), (
                    f"{src} không có <img> trỏ tới {uri}"
                )
    assert pages_with_markers >= 1  # ít nhất trang chủ


def test_no_marker_is_left_unprocessed(built_site):
    for page in built_site.html_pages():
        text = page.read_text(encoding="utf-8")
        assert "<!-- rnnlab:" not in text, f"{page}: còn dấu rnnlab chưa được thay"


def test_home_page_shows_snippet_output_and_measured_value(built_site):
    text = (built_site.site / "index.html").read_text(encoding="utf-8")
    result = runner.run_snippet("snippets/co_ban/xin_chao.py")
    assert 'id="mot-cong-thuc-lap-lai-theo-thoi-gian"' in text  # neo không dấu (hooks/slugs.py)
    assert 'class="admonition ket-qua"' in text and "Kết quả" in text
    assert "(30, 1, 4)  (T, B, H)" in text  # khối "Kết quả" là đúng những gì snippet in ra
    value = f"{result.values['max_diff']:.1e}".replace(".", ",")  # số viết kiểu Việt: phẩy thập phân
    assert f"nhiều nhất\n{value}, tức là" in text
    # hình nằm sau khối mã đã vẽ nó, và khối "Kết quả" nằm sau hình
    assert text.index("xin_chao.py") < text.index("figures/co_ban/xin_chao-1.svg") < text.index("ket-qua")


def test_no_resource_is_loaded_from_another_host(built_site):
    problems = []
    for page in built_site.html_pages():
        found = resources(page)
        problems += [
            f"{page.relative_to(built_site.site)}: {kind}={url}"
            for kind, url in found.urls
            if EXTERNAL.match(url) and not INLINE_OK.match(url)
        ]
        # src="" tải lại chính trang đó như một script (nbconvert để lại khi MathJax bị tắt)
        problems += [f"{page.relative_to(built_site.site)}: {kind} rỗng" for kind, url in found.urls if not url.strip()]
        for code in found.inline:
            for url in re.findall(r"""url\(\s*['"]?((?:https?:)?//[^'")\s]+)""", code):
                problems.append(f"{page.relative_to(built_site.site)}: url({url}) trong <style>")
            for url in re.findall(r"""(?:\bfrom|\bimport\s*\(|@import)\s*['"]((?:https?:)?//[^'"]+)""", code):
                problems.append(f"{page.relative_to(built_site.site)}: import {url} trong <script>/<style>")
    for css in built_site.site.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        for url in re.findall(r"""(?:url\(\s*['"]?|@import\s+['"])((?:https?:)?//[^'")\s]+)""", text):
            problems.append(f"{css.relative_to(built_site.site)}: {url}")
    assert not problems, "Tài nguyên tải từ máy khác:\n" + "\n".join(sorted(set(problems)))


def test_every_local_resource_exists(built_site):
    missing = []
    for page in built_site.html_pages():
        for kind, url in resources(page).urls:
            if not EXTERNAL.match(url) and not url.startswith("#") and url:
                if not local_target(built_site.site, page, url).is_file():
                    missing.append(f"{page.relative_to(built_site.site)}: {kind}={url}")
    for css in built_site.site.rglob("*.css"):
        for ref in re.findall(r"""url\(\s*['"]?([^'")]+)""", css.read_text(encoding="utf-8", errors="replace")):
            if not EXTERNAL.match(ref) and not ref.startswith("#"):
                if not (css.parent / unquote(ref.split("?")[0].split("#")[0])).is_file():
                    missing.append(f"{css.relative_to(built_site.site)}: url({ref})")
    assert not missing, "Tài nguyên không có trong trang đã dựng:\n" + "\n".join(sorted(set(missing)))


def test_math_diagrams_and_fonts_are_served_by_the_site(built_site):
    home = built_site.site / "index.html"
    text = home.read_text(encoding="utf-8")
    scripts = [url for kind, url in resources(home).urls if kind == "script.src"]
    # công thức và sơ đồ vẽ sẵn lúc dựng (hooks/math.py, hooks/diagrams.py): không script toán/sơ đồ nào
    assert not [s for s in scripts if "katex" in s or "mermaid" in s], scripts
    assert '<pre class="mermaid">' not in text and '<div class="rnnlab-so-do"><svg' in text
    assert 'class="arithmatex"><span class="katex">' in text and "\\(" not in text
    fonts = [p.name for p in (built_site.site / "vendor").rglob("*.woff2")]
    assert any("noto-sans-vietnamese" in f for f in fonts) and any("noto-sans-mono-vietnamese" in f for f in fonts)
    assert any(f.startswith("KaTeX_Main") for f in fonts)


def test_notebook_is_executed_and_downloadable(built_site):
    page = built_site.site / "notebooks" / "dong-gradient" / "index.html"
    text = page.read_text(encoding="utf-8")
    assert "jupyter-wrapper" in text
    assert "‖∂L/∂h_T‖ =" in text  # đầu ra của ô mã đã chạy lúc dựng
    assert "data:image/png;base64," not in text  # hình của ô vẽ: tệp riêng (hooks/notebook_images.py)
    assert 'src="hinh-1.png"' in text and (page.parent / "hinh-1.png").is_file()
    for name in ("dong-gradient.py", "dong-gradient.ipynb"):
        assert f'href="{name}"' in text
        assert (page.parent / name).is_file()


def test_glossary_page_and_tooltips(built_site):
    entries = glossary.load()
    page = (built_site.site / "thuat-ngu" / "index.html").read_text(encoding="utf-8")
    for entry in entries:
        assert entry.english in page or entry.english.replace("'", "&#x27;") in page
    assert "<abbr" not in page  # trên chính trang thuật ngữ thì không cần chú giải
    home = (built_site.site / "index.html").read_text(encoding="utf-8")
    assert '<abbr title="tiếng Anh: hidden state">trạng thái ẩn</abbr>' in home
