"""Hook MkDocs cho sổ tay (docs/notebooks/*.py, dạng jupytext percent, mkdocs-jupyter chạy lúc dựng).

- Bộ nhớ đệm của mkdocs-jupyter chỉ nhìn nội dung sổ tay, không thấy khi rnnlab (mã nó import) đổi,
  và nằm ở ``./.cache`` tính từ thư mục đang đứng. Ta đặt nó ở ``<gốc repo>/.cache/mkdocs-jupyter/<khoá>``
  với khoá là ``runner.deps_hash()``: rnnlab đổi thì sổ tay chạy lại; thư mục của khoá cũ bị xoá.
- Mỗi sổ tay có dòng tải về: bản ``.py`` (mkdocs-jupyter chép nhờ ``include_source``) và bản ``.ipynb``
  (chưa chạy) tạo bằng jupytext lúc dựng.
- Nhân Jupyter không ghi ``__pycache__`` vào rnnlab/ (thư mục ``mkdocs serve`` theo dõi).
- Nhân Jupyter nói chuyện với bản dựng qua IPC (socket tệp cục bộ) thay vì TCP: cấu hình trong
  ``hooks/jupyter/`` (thêm vào ``JUPYTER_CONFIG_PATH``), nên không mở cổng mạng và không có cảnh báo.
- nbconvert chèn vào trang thẻ ``<script>`` tải MathJax và Mermaid từ CDN; ta bỏ chúng (trang đã có
  KaTeX và Mermaid của riêng mình) để người đọc không phải tải gì từ máy khác.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hooks import runner  # noqa: E402

PLUGIN = "mkdocs-jupyter"
_EXTERNAL_SCRIPT = re.compile(
    r"<script\b[^>]*\bsrc=[\"'](?:(?:https?:)?//[^\"']*)?[\"'][^>]*>\s*</script>"  # src="" (MathJax tắt) hoặc CDN
    r"|<script\b[^>]*\btype=[\"']text/x-mathjax-config[\"'][^>]*>.*?</script>"  # cấu hình MathJax không dùng
    r"|<script\b[^>]*>(?:(?!</script>).)*?\b(?:from|import\()\s*[\"'](?:https?:)?//(?:(?!</script>).)*</script>",  # import từ CDN
    re.S | re.I,
)
_cache_dir: list[Path] = []


def _plugin(config):
    plugin = config.plugins.get(PLUGIN)
    if plugin is None:
        raise PluginError(f"hooks/notebooks.py cần plugin {PLUGIN} trong mkdocs.yml.")
    return plugin


def _is_notebook(plugin, file) -> bool:
    # Chỉ hỏi plugin với tệp .py: với .md nó đọc cả tệp bằng jupytext để đoán (chậm, và sổ tay ở đây là .py).
    return file.src_uri.endswith(".py") and file.abs_src_path is not None and plugin.should_include(file)


def on_config(config):
    plugin = _plugin(config)
    jupyter_config = str(Path(__file__).resolve().parent / "jupyter")
    paths = os.environ.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep)
    if jupyter_config not in paths:
        os.environ["JUPYTER_CONFIG_PATH"] = os.pathsep.join([jupyter_config] + [p for p in paths if p])
    # Nhân Jupyter không ghi rnnlab/__pycache__ (mkdocs serve theo dõi rnnlab/ và sẽ dựng lại thêm lần nữa).
    os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
    base = runner.CACHE_ROOT / "mkdocs-jupyter"
    _cache_dir[:] = [base / runner.deps_hash()]
    plugin.config["cache_dir"] = str(_cache_dir[0])
    return config


def on_files(files, config):
    plugin = _plugin(config)
    import jupytext

    for f in list(files.documentation_pages()):
        if _is_notebook(plugin, f):
            notebook = jupytext.writes(jupytext.read(f.abs_src_path), fmt="ipynb")
            stem = posixpath.splitext(f.src_uri)[0]
            uri = posixpath.join(posixpath.dirname(f.dest_uri), posixpath.basename(stem) + ".ipynb")
            files.append(File.generated(config, uri, content=notebook))
    return files


def on_page_content(html, page, config, files):
    plugin = _plugin(config)
    if not _is_notebook(plugin, page.file):
        return html
    html = _EXTERNAL_SCRIPT.sub("", html)
    name = posixpath.splitext(posixpath.basename(page.file.src_uri))[0]
    links = (
        f'<p class="rnnlab-tai-ve">Tải sổ tay về: <a href="{name}.ipynb" download>{name}.ipynb</a> '
        f'(mở bằng Jupyter) · <a href="{name}.py" download>{name}.py</a> (dạng jupytext percent, '
        f"mở được bằng VS Code hoặc Jupyter có jupytext)</p>\n"
    )
    end_h1 = html.find("</h1>")
    return html[: end_h1 + 5] + links + html[end_h1 + 5 :] if end_h1 >= 0 else links + html


def on_post_build(config):
    """Xoá các thư mục đệm sổ tay của những phiên bản rnnlab cũ."""
    if not _cache_dir or not _cache_dir[0].parent.is_dir():
        return
    for old in _cache_dir[0].parent.iterdir():
        if old.is_dir() and old != _cache_dir[0] and re.fullmatch(r"[0-9a-f]{24}", old.name):
            shutil.rmtree(old, ignore_errors=True)
