"""Hook MkDocs: bắt sớm, ngay lúc dựng (vài giây), những lỗi người đóng góp hay gặp, bằng tiếng Việt có trang và dòng.

Cảnh báo (``./dev build`` nghiêm ngặt thì dừng; ``./dev serve`` chỉ in ra). Kiểm thử trong ``tests/docs/``
vẫn là phép kiểm chính thức; ở đây chỉ báo sớm:

- snippet trong ``snippets/`` chưa có kiểm thử nào nhắc tới đường dẫn của nó;
- khối Python trong trang sẽ không được chạy: khối thụt lề (trong thẻ ``=== "..."`` hay hộp ``!!!``),
  khối ``notest`` có mã viết tay, khối nhúng tệp chưa có kiểm thử;
- liên kết tới một neo không có (gợi ý neo không dấu, ``#cong-thuc``, hoặc kể các neo của trang đích);
- trang có trong docs/ nhưng không có trong ``nav`` của mkdocs.yml.

Lỗi (dừng bản dựng): dòng ``--8<-- "tệp"`` nhúng một tệp hay một mục không có, thay cho traceback dài
của pymdownx.snippets.

Hai kiểm tra cuối thay cho thông báo tiếng Anh, không có số dòng, của MkDocs (``validation`` trong
mkdocs.yml): hook hạ thông báo của MkDocs xuống INFO vì nó báo đúng những lỗi đó, kèm dòng.
"""

from __future__ import annotations

import difflib
import logging
import posixpath
import re
import sys
from pathlib import Path
from urllib.parse import unquote

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hooks import fences, runner, slugs  # noqa: E402

log = logging.getLogger("mkdocs.plugins.rnnlab")


# --- snippet và kiểm thử của nó -------------------------------------------------------------------


def snippet_test_files(root: Path = ROOT) -> list[Path]:
    """Các tệp kiểm thử có thể kiểm thử một snippet (không tính kiểm thử của chính trang web ở tests/docs/)."""
    tests = root / "tests"
    return [p for p in sorted(tests.rglob("test_*.py")) if tests / "docs" not in p.parents]


def snippet_tests_text(root: Path = ROOT) -> str:
    """Nội dung mọi tệp kiểm thử snippet, để tìm xem một snippet có được nhắc tới không."""
    return "\n".join(p.read_text(encoding="utf-8") for p in snippet_test_files(root))


def all_snippets(root: Path = ROOT) -> list[str]:
    """Mọi snippet, đường dẫn tính từ gốc repo: ``snippets/gradient/x.py``."""
    return sorted(p.relative_to(root).as_posix() for p in (root / runner.SNIPPETS).rglob("*.py"))


def missing_test_hint(snippet: str) -> str:
    name = runner.under_snippets(snippet).removesuffix(".py").replace("/", "_")
    return f"thêm tests/snippets/test_{name}.py gọi run_snippet({snippet!r}) và khẳng định điều trang nói"


def untested_snippets(root: Path = ROOT) -> list[str]:
    text = snippet_tests_text(root)
    return [s for s in all_snippets(root) if s not in text]


# --- khối Python trong trang ---------------------------------------------------------------------


def include_problem(fence: fences.Fence, tests_text: str, root: Path = ROOT) -> str | None:
    """Lý do một khối ``notest`` không hợp lệ, hoặc None nếu nó chỉ nhúng các tệp có kiểm thử."""
    lines = [line.strip() for line in fence.body if line.strip()]
    if not lines:
        return "khối notest rỗng"
    for line in lines:
        path = fences.include_path(line)
        if path is None:
            return f"khối notest chứa mã viết tay ({line!r}), mã đó không được chạy; chỉ được nhúng tệp bằng --8<--"
        if not (root / path).is_file() and ":" in path:
            path = path.split(":", 1)[0]  # tệp.py:mục hoặc tệp.py:dòng:dòng
        if not (root / path).is_file():
            return f"nhúng {path} nhưng tệp không có"
        if path.startswith(runner.SNIPPETS) and path not in tests_text:
            return f"nhúng {path} nhưng không kiểm thử nào trong tests/ nhắc tới nó"
        if not (path.startswith((runner.SNIPPETS, "rnnlab/")) or re.fullmatch(r"tests/(.+/)?test_\w+\.py", path)):
            return f"nhúng {path}: chỉ nhúng snippets/, rnnlab/ (có kiểm thử riêng) hoặc tệp kiểm thử"
    return None


def fence_problem(fence: fences.Fence, tests_text: str, root: Path = ROOT) -> str | None:
    """Lý do khối Python ``fence`` sẽ không được kiểm thử, đoán từ chính trang (không hỏi pytest)."""
    if "notest" in fence.options:
        return include_problem(fence, tests_text, root)
    if fence.indent:
        return (
            "khối Python thụt lề (trong thẻ === hay hộp !!!) không được pytest-markdown-docs chạy; "
            "đưa nó ra cấp cao nhất của trang, hoặc chỉ nhúng tệp có kiểm thử bằng {.python notest}"
        )
    if fence.options:
        return "viết {.python " + " ".join(sorted(fence.options)) + "} (có ngoặc nhọn): dạng không ngoặc làm hỏng trang"
    return None


def page_fence_problems(text: str, where: str, tests_text: str, root: Path = ROOT) -> list[str]:
    return [
        f"{where}:{f.line}: {problem}"
        for f in fences.fences(text)
        if f.is_python and (problem := fence_problem(f, tests_text, root))
    ]


# --- dòng --8<-- ---------------------------------------------------------------------------------


def _sections(path: Path) -> list[str]:
    return re.findall(r"--8<--\s*\[start:([^\]]+)\]", path.read_text(encoding="utf-8"))


def include_error(spec: str, bases: list[Path]) -> str | None:
    """Lỗi của ``--8<-- "spec"`` (tệp hay mục không có), hoặc None."""
    if spec.startswith(("http://", "https://")):
        return None
    candidates = [b / spec for b in bases]
    if any(c.is_file() for c in candidates):
        return None
    name, _, section = spec.partition(":")
    found = next((b / name for b in bases if (b / name).is_file()), None)
    if found is None:
        base = bases[0]
        known = [
            p.relative_to(base).as_posix() for d in ("snippets", "rnnlab", "tests") for p in (base / d).rglob("*.py")
        ]
        close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
        hint = f" Có phải ý bạn là {' hay '.join(close)}?" if close else ""
        return f'--8<-- "{spec}": không có tệp {name} (đường dẫn tính từ gốc kho mã).{hint}'
    if section and not re.fullmatch(r"\d*(:\d*)?(,\d*(:\d*)?)*", section) and section not in _sections(found):
        have = ", ".join(_sections(found)) or "(không có mục nào)"
        return (
            f'--8<-- "{spec}": {name} không có mục "{section}" (# --8<-- [start:{section}] ... [end:{section}]). '
            f"Các mục nó có: {have}"
        )
    return None


def _include_bases(config) -> list[Path]:
    options = config.mdx_configs.get("pymdownx.snippets", {})
    bases = options.get("base_path", ["."])
    bases = [bases] if isinstance(bases, str) else bases
    return [Path(b) if Path(b).is_absolute() else Path(config.config_file_path).parent / b for b in bases]


# --- liên kết tới neo, trang ngoài nav -----------------------------------------------------------


def heading_ids(page) -> list[str]:
    out = []

    def walk(items):
        for item in items:
            out.append(item.id)
            walk(item.children)

    walk(page.toc.items if page.toc else [])
    return out


def anchor_message(anchor: str, target, present: set[str]) -> str:
    slug = slugs.slugify(unquote(anchor))
    if slug in present:
        return f"neo viết không dấu: dùng #{slug}"
    ids = heading_ids(target)
    shown = ", ".join(f"#{i}" for i in ids[:20]) + (" …" if len(ids) > 20 else "")
    return f"các neo của {target.file.src_uri}: {shown or '(trang không có tiêu đề nào)'}"


def _line_of(source: str, text: str) -> int | None:
    for number, line in enumerate(source.split("\n"), start=1):
        if text in line:
            return number
    return None


def nav_hint(src_uri: str, config_file: Path) -> str:
    """Gợi ý chỗ thêm trang vào nav: sau mục cuối cùng cùng thư mục, hoặc dòng ``nav:``."""
    lines = Path(config_file).read_text(encoding="utf-8").split("\n")
    folder = posixpath.dirname(src_uri)
    where = next((n for n, line in enumerate(lines, start=1) if line.startswith("nav:")), None)
    for n, line in enumerate(lines, start=1):
        m = re.search(r"([\w./-]+\.(?:md|py))\s*$", line)
        if m and folder and posixpath.dirname(m[1]) == folder:
            where = n
    at = f" (quanh dòng {Path(config_file).name}:{where})" if where else ""
    return f"thêm một dòng `- Tiêu đề: {src_uri}` vào nav của {Path(config_file).name}{at}"


# --- sự kiện MkDocs ------------------------------------------------------------------------------


def on_config(config):
    # Hook này báo các lỗi đó bằng tiếng Việt, có dòng; thông báo tiếng Anh của MkDocs thành INFO.
    config.validation.nav.omitted_files = logging.INFO
    config.validation.links.anchors = logging.INFO
    return config


def on_files(files, config):
    root = Path(config.config_file_path).parent  # gốc kho mã: snippets/ và tests/ nằm cạnh mkdocs.yml
    tests_text = snippet_tests_text(root)
    for snippet in untested_snippets(root):
        log.warning(f"{snippet} chưa có kiểm thử: {missing_test_hint(snippet)}.")
    for f in files.documentation_pages():
        if f.src_uri.endswith(".md"):
            for problem in page_fence_problems(f.content_string, f"docs/{f.src_uri}", tests_text, root):
                log.warning(problem)
    return files


def on_nav(nav, config, files):
    in_nav = {page.file.src_uri for page in nav.pages}
    for f in files.documentation_pages():
        if f.src_uri not in in_nav and f.inclusion.is_in_nav():
            log.warning(
                f"docs/{f.src_uri}: trang không có trong nav nên không hiện trong mục lục; "
                f"{nav_hint(f.src_uri, config.config_file_path)}."
            )
    return nav


def on_page_markdown(markdown, page, config, files):
    if "pymdownx.snippets" not in config.markdown_extensions:
        return markdown
    where = f"docs/{page.file.src_uri}"
    offset = fences.line_offset(page.file.content_string, markdown)
    bases = _include_bases(config)
    errors = []
    for number, line in enumerate(markdown.split("\n"), start=1):
        spec = fences.include_path(line)
        if spec and (problem := include_error(spec, bases)):
            errors.append(f"{where}:{number + offset}: {problem}")
    if errors:
        raise PluginError("\n".join(errors))
    return markdown


def on_env(env, config, files):
    # Sau khi mọi trang đã dựng: biết các neo mỗi trang có, và các liên kết tới neo của nó.
    for f in files.documentation_pages():
        page = f.page
        if page is None or not getattr(page, "links_to_anchors", None):
            continue
        for target_file, links in page.links_to_anchors.items():
            target = target_file.page
            if target is None or target.present_anchor_ids is None:
                continue
            for anchor, original in links.items():
                if anchor in target.present_anchor_ids or anchor.startswith("fnref:"):
                    continue
                line = _line_of(f.content_string, original)
                at = f"docs/{f.src_uri}" + (f":{line}" if line else "")
                log.warning(
                    f"{at}: liên kết {original} trỏ tới neo #{anchor} mà {target_file.src_uri} không có; "
                    f"{anchor_message(anchor, target, target.present_anchor_ids)}."
                )
    return env
