"""Hook MkDocs: mang rnnlab về máy — gói cài đặt, tệp snippet, phiên bản, sửa trang / báo lỗi, PDF, bản ngoại tuyến.

- **Gói (wheel).** Bản dựng đóng gói ``rnnlab`` thành ``rnnlab-<phiên bản>-py3-none-any.whl`` (setuptools,
  không cần mạng) và phục vụ nó ở ``tai-ve/``; trang ``cai-dat.md`` in lệnh ``pip install <site_url>/tai-ve/...``.
  Wheel được lưu đệm theo nội dung (mã nguồn rnnlab + pyproject.toml + README + LICENSE).
- **Snippet.** Mọi tệp ``snippets/**/*.py`` được phục vụ ở ``tai-ve/snippets/...``; dưới mỗi khối mã nhúng
  (``--8<--``) một snippet có dòng "Tải về <tên>.py".
- **Phiên bản.** Trang nào có snippet thì cuối trang ghi phiên bản rnnlab, PyTorch, NumPy, Matplotlib,
  Python đã tính ra kết quả; trang cài đặt có bảng đầy đủ (dấu ``<!-- takehome:... -->``, xem ``MARKERS``).
- **Sửa trang, báo lỗi.** Cuối mỗi trang: "Sửa trang này" (``page.edit_url`` từ ``repo_url`` + ``edit_uri``)
  và "Báo lỗi" (mở issue mới, điền sẵn đường dẫn và tiêu đề trang).
- **PDF** (in bằng ``hooks/takehome_pdf.py``). Plugin print-site dựng trang in (mọi trang theo thứ tự nav, có mục lục); Chromium không giao diện
  (Playwright) in trang đó ra ``tai-ve/rnnlab.pdf``, có số trang và mục lục (cả bookmark), lưu đệm theo nội dung trang web.
  Thiếu Chromium: bản dựng ở máy mình vẫn xong, kèm một dòng báo; trong CI (``CI=true``) thì là lỗi.
- **Bản ngoại tuyến** (``hooks/takehome_offline.py``). ``tai-ve/rnnlab-ngoai-tuyen.zip``: cả trang web, đọc được từ ``file://`` không cần
  máy chủ: liên kết thư mục thành ``.../index.html``, chỉ mục tìm kiếm nằm trong ``search/search_index.js``
  (Material tự dùng nó khi mở từ ``file://``), và shim ``iframe-worker`` (npm) thay Web Worker của ô tìm kiếm.

``mkdocs serve`` bỏ qua PDF và bản zip (chúng chỉ có trong ``./dev build``).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import os
import pickle
import platform
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from html import escape
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hooks import runner, takehome_offline, takehome_pdf  # noqa: E402

log = logging.getLogger("mkdocs.hooks.takehome")

DOWNLOAD_DIR = "tai-ve"
PDF_URI = f"{DOWNLOAD_DIR}/rnnlab.pdf"
ZIP_URI = f"{DOWNLOAD_DIR}/rnnlab-ngoai-tuyen.zip"
PRINT_PLUGIN = "print-site"
# Các tệp không đưa vào khoá đệm của PDF / zip: chính chúng, và sitemap (ghi ngày dựng).
_NOT_HASHED = {PDF_URI, ZIP_URI, "sitemap.xml", "sitemap.xml.gz"}

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_INCLUDE = re.compile(r"""^\s*--8<--\s+["'](?P<path>snippets/[^"':]+\.py)(?::[\w-]+)?["']\s*$""")
_MARKER = re.compile(r"<!--\s*takehome:(?P<name>[\w-]+)\s*-->")


# --- gói rnnlab --------------------------------------------------------------------------------------


def wheel_sources() -> list[Path]:
    """Những tệp quyết định nội dung wheel: pyproject.toml, README.md, LICENSE và mọi tệp trong rnnlab/."""
    package = [
        p for p in (ROOT / "rnnlab").rglob("*") if p.is_file() and p.suffix != ".pyc" and "__pycache__" not in p.parts
    ]
    return [ROOT / "pyproject.toml", ROOT / "README.md", ROOT / "LICENSE"] + sorted(package)


def build_wheel(cache_root: Path | None = None) -> Path:
    """Đường dẫn tới wheel của rnnlab, dựng (nếu chưa có trong bộ nhớ đệm) bằng setuptools, không cần mạng."""
    cache = (cache_root or runner.CACHE_ROOT) / "wheel"
    h = hashlib.sha256()
    for src in wheel_sources():
        h.update(src.relative_to(ROOT).as_posix().encode() + b"\0" + src.read_bytes())
    key = h.hexdigest()[:24]
    out = cache / key
    found = sorted(out.glob("rnnlab-*-py3-none-any.whl")) if out.is_dir() else []
    if found:
        return found[0]
    with tempfile.TemporaryDirectory(prefix="rnnlab-wheel-") as tmp:
        src = Path(tmp) / "src"
        for f in wheel_sources():
            dest = src / f.relative_to(ROOT)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(f, dest)
        built = Path(tmp) / "dist"
        built.mkdir()
        # build_meta trực tiếp: không qua pip (khởi động chậm), không cô lập (setuptools đã có sẵn, không mạng)
        code = "import sys, setuptools.build_meta as b; print(b.build_wheel(sys.argv[1]))"
        env = dict(os.environ, SOURCE_DATE_EPOCH="315532800", PYTHONDONTWRITEBYTECODE="1")
        proc = subprocess.run(
            [sys.executable, "-c", code, str(built)], cwd=src, env=env, capture_output=True, text=True, timeout=300
        )
        if proc.returncode != 0:
            raise PluginError(f"Không đóng gói được rnnlab thành wheel:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
        wheel = built / proc.stdout.strip().splitlines()[-1]
        tmp_out = cache / f"{key}.tmp{os.getpid()}"
        tmp_out.mkdir(parents=True, exist_ok=True)
        shutil.copy2(wheel, tmp_out / wheel.name)
        try:
            tmp_out.rename(out)
        except OSError:  # tiến trình khác vừa dựng cùng wheel (cùng mã, cùng byte): dùng bản của nó
            shutil.rmtree(tmp_out, ignore_errors=True)
    for old in cache.iterdir():  # wheel của mã cũ
        if old != out and re.fullmatch(r"[0-9a-f]{24}", old.name):
            shutil.rmtree(old, ignore_errors=True)
    return out / wheel.name


# --- phiên bản -----------------------------------------------------------------------------------------


@functools.cache
def versions() -> dict[str, str]:
    """Phiên bản của những gì tính ra kết quả trên trang (cùng môi trường chạy snippet lúc dựng)."""
    import importlib.metadata as md

    out = {"rnnlab": _wheel_version(), "Python": platform.python_version()}
    for label, dist in (("PyTorch", "torch"), ("NumPy", "numpy"), ("Matplotlib", "matplotlib")):
        try:
            out[label] = md.version(dist)
        except md.PackageNotFoundError:
            out[label] = "?"
    return out


def _wheel_version() -> str:
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def versions_sentence() -> str:
    v = versions()
    return (
        f"rnnlab {v['rnnlab']}, PyTorch {v['PyTorch']}, NumPy {v['NumPy']}, Matplotlib {v['Matplotlib']}, "
        f"Python {v['Python']}"
    )


def versions_table() -> str:
    rows = ["| Gói | Phiên bản |", "| --- | --- |"]
    rows += [f"| {name} | {version} |" for name, version in versions().items()]
    return "\n".join(rows)


def site_hash(site_dir: Path) -> str:
    """Hash của mọi tệp trong trang đã dựng (trừ PDF, zip, sitemap, .ipynb): khoá đệm của PDF và bản zip."""
    h = hashlib.sha256()
    for code in (__file__, takehome_pdf.__file__, takehome_offline.__file__):  # cách in, cách nén
        h.update(Path(code).read_bytes())
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(site_dir).as_posix()
        # .ipynb: jupytext đặt id ô ngẫu nhiên mỗi lần dựng; trang HTML của sổ tay đã mang nội dung của nó
        if rel in _NOT_HASHED or rel.endswith(".ipynb"):
            continue
        h.update(rel.encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()[:24]


# --- trang: tải snippet, phiên bản, sửa trang / báo lỗi ------------------------------------------------


def snippet_uri(path: str) -> str:
    """``snippets/gradient/x.py`` → ``tai-ve/snippets/gradient/x.py`` (địa chỉ trong trang web)."""
    return f"{DOWNLOAD_DIR}/{path}"


def add_download_links(markdown: str, page_uri: str) -> tuple[str, int]:
    """Sau mỗi khối mã nhúng (``--8<--``) một snippet, thêm dòng "Tải về <tên>.py"; trả về (markdown, số snippet)."""
    lines = markdown.split("\n")
    out: list[str] = []
    fence = None  # (ký tự, độ dài, thụt lề, [snippet nhúng])
    here = posixpath.dirname(page_uri) or "."
    count = 0
    for line in lines:
        out.append(line)
        m = _FENCE.match(line)
        if fence is None:
            if m and not (m["fence"][0] == "`" and "`" in m["info"]):
                fence = (m["fence"][0], len(m["fence"]), m["indent"], [])
            continue
        if m and m["fence"][0] == fence[0] and len(m["fence"]) >= fence[1] and not m["info"].strip():
            indent, included = fence[2], fence[3]
            fence = None
            for path in dict.fromkeys(included):
                name = posixpath.basename(path)
                url = posixpath.relpath(snippet_uri(path), here)
                out += ["", f'{indent}[Tải về {name}]({url}){{ .rnnlab-tai-ve download="{name}" }}', ""]
                count += 1
            continue
        inc = _INCLUDE.match(line)
        if inc and (ROOT / inc["path"]).is_file():
            fence[3].append(inc["path"])
    return "\n".join(out), count


def report_url(repo_url: str, title: str, src_uri: str, page_url: str) -> str:
    """Địa chỉ mở một issue mới trên GitHub, điền sẵn tiêu đề và đường dẫn của trang."""
    body = (
        f"Trang: {title}\nTệp nguồn: docs/{src_uri}\nĐịa chỉ: {page_url}\n\n"
        "Lỗi ở đâu (đoạn văn, công thức, hình, khối mã):\n\n"
        "Lỗi gì, và nên sửa thế nào:\n"
    )
    query = urllib.parse.urlencode({"title": f"[Trang] {title} (docs/{src_uri})", "body": body})
    return f"{repo_url.rstrip('/')}/issues/new?{query}"


def edit_links_html(page, config) -> str:
    links = []
    if page.edit_url:
        links.append(f'<a class="md-button" href="{escape(page.edit_url)}" rel="edit">Sửa trang này</a>')
    if config.repo_url:
        url = report_url(config.repo_url, page.title or "", page.file.src_uri, page.canonical_url or page.url)
        links.append(f'<a class="md-button" href="{escape(url)}">Báo lỗi</a>')
    if not links:
        return ""
    # nút riêng, không chen giữa chữ: nhìn ra là liên kết mà không chỉ nhờ màu
    return '<p class="rnnlab-sua-trang">' + " ".join(links) + "</p>\n"


# --- sự kiện MkDocs ------------------------------------------------------------------------------------

_state: dict = {}


def on_startup(command, dirty):
    _state["command"] = command


def on_config(config):
    if PRINT_PLUGIN not in config.plugins:
        raise PluginError(f"hooks/takehome.py cần plugin {PRINT_PLUGIN} (mkdocs-print-site-plugin) trong mkdocs.yml.")
    _state["page_html"] = {}
    renderer = config.plugins[PRINT_PLUGIN].renderer
    if not getattr(renderer.write_combined, "cached", False):
        renderer.write_combined = _cached_write_combined(renderer.write_combined, config)
    return config


def _cached_write_combined(write_combined, config):
    """Plugin print-site ghép trang in mất vài giây mỗi lần dựng (sửa id từng tiêu đề bằng regex):
    lưu đệm kết quả (HTML, mục lục) theo nội dung mọi trang, cấu hình plugin và nav."""

    def cached():
        h = hashlib.sha256(Path(__file__).read_bytes())
        h.update(repr(sorted(config.plugins[PRINT_PLUGIN].config.items())).encode())
        h.update(repr(config.nav).encode())
        for uri, digest in sorted(_state["page_html"].items()):
            h.update(uri.encode() + b"\0" + digest)
        cover = config.plugins[PRINT_PLUGIN].cover_page_template_path
        if cover:
            h.update(Path(cover).read_bytes())
        path = runner.CACHE_ROOT / "takehome" / f"print-{h.hexdigest()[:24]}.pickle"
        if path.is_file():
            with contextlib.suppress(Exception):
                return pickle.loads(path.read_bytes())
        result = write_combined()
        with contextlib.suppress(Exception):  # mục lục không pickle được thì thôi, lần sau ghép lại
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(pickle.dumps(result))
            _prune(path.parent, "print-", path)
        return result

    cached.cached = True
    return cached


def on_files(files, config):
    serving = _state.get("command") == "serve"
    start = time.perf_counter()
    wheel = build_wheel()
    log.info(f"Tải về: wheel {wheel.name} ({time.perf_counter() - start:.1f} s).")
    _state["wheel_uri"] = f"{DOWNLOAD_DIR}/{wheel.name}"
    files.append(File.generated(config, _state["wheel_uri"], abs_src_path=str(wheel)))
    for snippet in sorted((ROOT / "snippets").rglob("*.py")):
        rel = snippet.relative_to(ROOT).as_posix()
        files.append(File.generated(config, snippet_uri(rel), abs_src_path=str(snippet)))
    # PDF và zip được viết ở on_post_build; ở đây chỉ giữ chỗ để liên kết tới chúng hợp lệ (--strict).
    _state["pdf"] = not serving and takehome_pdf.check_pdf_possible()
    _state["zip"] = not serving
    for uri, wanted in ((PDF_URI, _state["pdf"]), (ZIP_URI, _state["zip"])):
        if wanted:
            files.append(File.generated(config, uri, content=b""))
    if serving:
        log.info("mkdocs serve: không làm bản PDF và bản zip ngoại tuyến (chỉ có trong ./dev build).")
    return files


def _link(uri: str, page_uri: str, text: str) -> str:
    url = posixpath.relpath(uri, posixpath.dirname(page_uri) or ".")
    return f"[{text}]({url})"


def marker_text(name: str, page_uri: str, config) -> str:
    """Nội dung thay cho ``<!-- takehome:NAME -->``."""
    if name == "wheel-url":
        return urllib.parse.urljoin(config.site_url or "http://127.0.0.1:8000/", _state["wheel_uri"])
    if name == "wheel-link":
        return _link(_state["wheel_uri"], page_uri, posixpath.basename(_state["wheel_uri"]))
    if name == "versions":
        return versions_table()
    if name == "pdf":
        if _state.get("pdf"):
            return _link(PDF_URI, page_uri, "Tải bản PDF (rnnlab.pdf)")
        return "*Bản dựng này không có PDF (thiếu Chromium lúc dựng, hoặc đang chạy `mkdocs serve`).*"
    if name == "zip":
        if _state.get("zip"):
            return _link(ZIP_URI, page_uri, "Tải bản ngoại tuyến (rnnlab-ngoai-tuyen.zip)")
        return "*`mkdocs serve` không làm bản zip; nó có trong bản dựng `./dev build`.*"
    raise PluginError(f"docs/{page_uri}: dấu lạ <!-- takehome:{name} -->; có: {', '.join(MARKERS)}.")


MARKERS = ("wheel-url", "wheel-link", "versions", "pdf", "zip")


def on_page_markdown(markdown, page, config, files):
    uri = page.file.src_uri
    if not uri.endswith(".md"):
        return markdown
    markdown = _MARKER.sub(lambda m: marker_text(m["name"], uri, config), markdown)
    markdown, count = add_download_links(markdown, uri)
    if count:
        install = _link("cai-dat.md", uri, "cách cài đặt") if files.get_file_from_path("cai-dat.md") else ""
        markdown += (
            f"\n\n---\n\n*Mã và kết quả trên trang này được chạy lúc dựng trang với {versions_sentence()}"
            + (f"; {install} để chạy lại trên máy bạn.*" if install else ".*")
            + "\n"
        )
    return markdown


def on_page_content(html, page, config, files):
    # Plugin print-site giữ page.html cho trang in ở on_page_content của nó, trước mọi hook; thay bằng
    # html đã qua các hook trước hook này (thuật ngữ, sổ tay đã bỏ script CDN...), chưa có nút sửa trang.
    if hasattr(page, "html"):
        page.html = html
    _state.setdefault("page_html", {})[page.file.src_uri] = hashlib.sha256(html.encode()).digest()
    return html + edit_links_html(page, config)


def without_repo_facts(output: str) -> str:
    """Material đọc số sao/nhánh của repo từ api.github.com khi thấy ``data-md-component="source"``;
    trang không được tải gì từ máy khác, nên giữ liên kết tới repo mà bỏ phần gọi mạng đó."""
    return output.replace(' data-md-component="source"', "")


def on_post_page(output, page, config):
    return without_repo_facts(output)


def on_post_template(output_content, template_name, config):
    return without_repo_facts(output_content)  # 404.html


@event_priority(-100)  # sau mọi plugin và hook khác: trang in, chỉ mục tìm kiếm đã viết xong
def on_post_build(config):
    if _state.get("command") == "serve":
        return
    start = time.perf_counter()
    site_dir = Path(config.site_dir)
    # trang in do plugin print-site viết ở on_post_build của nó, không qua on_post_page
    page_uri = config.plugins[PRINT_PLUGIN].print_file.dest_uri
    printed = site_dir / page_uri
    html = without_repo_facts(printed.read_text(encoding="utf-8")).replace(
        "</head>", takehome_pdf.PAGE_STYLE + "</head>", 1
    )
    printed.write_text(html, encoding="utf-8")
    key = site_hash(site_dir)
    cache = runner.CACHE_ROOT / "takehome"
    cache.mkdir(parents=True, exist_ok=True)
    done = []
    pdf_bytes = b""
    if _state.get("pdf"):
        cached = cache / f"pdf-{key}.pdf"
        done.append("PDF " + ("từ bộ nhớ đệm" if cached.is_file() else "in mới bằng Chromium"))
        if not cached.is_file():
            tmp = cache / f"tmp{os.getpid()}-{cached.name}"
            takehome_pdf.print_pdf(site_dir, page_uri, tmp, takehome_pdf.chromium_path())
            tmp.rename(cached)
            _prune(cache, "pdf-", cached)
        shutil.copyfile(cached, site_dir / PDF_URI)
        pdf_bytes = cached.read_bytes()
    if _state.get("zip"):
        parts = [
            key.encode(),
            hashlib.sha256(pdf_bytes).digest(),
            takehome_offline.SHIM.read_bytes(),
            (config.site_url or "").encode(),
        ]
        zip_key = hashlib.sha256(b"\0".join(parts)).hexdigest()
        cached = cache / f"zip-{zip_key[:24]}.zip"
        done.append("bản zip " + ("từ bộ nhớ đệm" if cached.is_file() else "nén mới"))
        if not cached.is_file():
            tmp = cache / f"tmp{os.getpid()}-{cached.name}"
            tmp.write_bytes(takehome_offline.offline_zip(site_dir, ZIP_URI, config.site_url or ""))
            tmp.rename(cached)
            _prune(cache, "zip-", cached)
        shutil.copyfile(cached, site_dir / ZIP_URI)
    log.info(f"Tải về: {', '.join(done)} ({time.perf_counter() - start:.1f} s).")


def _prune(cache: Path, prefix: str, keep: Path, count: int = 2) -> None:
    """Xoá các bản đệm cũ, giữ ``keep`` và vài bản mới nhất (các bản dựng khác nhau, vd. có / không PDF)."""
    others = sorted((p for p in cache.glob(f"{prefix}*") if p != keep), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in others[count - 1 :]:
        old.unlink(missing_ok=True)
