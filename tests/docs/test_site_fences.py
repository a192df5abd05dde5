"""Mọi khối mã Python trong docs/ hoặc được pytest-markdown-docs chạy, hoặc là khối nhúng một tệp có kiểm thử.

pytest-markdown-docs bỏ qua mà không báo gì các khối thụt lề (trong thẻ ``=== "..."``, hộp ``!!!``),
các khối ``{.python}`` khi thiếu ``--markdown-docs-syntax=superfences``... Ở đây ta tự đếm các khối
Python trong docs/ rồi so với những gì pytest thật sự thu thập (với đúng cấu hình trong pyproject.toml).
"""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PYTHON_LANGS = {"py", "python", "python3", "pycon"}
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>.*?)[ \t]*$")
_INCLUDE = re.compile(r"""^-+8<-+[ \t]+(['"])(?P<path>[^'"]+)\1$""")


@dataclasses.dataclass
class Fence:
    file: str  # đường dẫn tính từ gốc repo
    line: int  # dòng mở khối (từ 1)
    indent: str
    lang: str
    options: set
    body: list


def parse_info(info: str) -> tuple[str, set]:
    """``{.python notest title="x"}`` → ("python", {"notest", 'title="x"'}); ``python a`` → ("python", {"a"})."""
    if info.startswith("{"):
        parts = info.strip("{} ").split()
        lang = next((p[1:] for p in parts if p.startswith(".")), "")
        return lang, {p for p in parts if not p.startswith(".")}
    parts = info.split()
    return (parts[0] if parts else ""), set(parts[1:])


def fences(text: str, file: str) -> list[Fence]:
    """Mọi khối mã có rào trong ``text``, ở mọi mức thụt lề; khối lồng trong khối khác không tính."""
    out, current = [], None
    for number, line in enumerate(text.split("\n"), start=1):
        m = _FENCE.match(line)
        if current is None:
            if m and not (m["fence"][0] == "`" and "`" in m["info"]):
                lang, options = parse_info(m["info"])
                current = (m["fence"], Fence(file, number, m["indent"], lang, options, []))
        elif m and m["fence"][0] == current[0][0] and len(m["fence"]) >= len(current[0]) and not m["info"]:
            out.append(current[1])
            current = None
        else:
            current[1].body.append(line)
    return out


def python_fences() -> list[Fence]:
    found = []
    for md in sorted(DOCS.rglob("*.md")):
        rel = md.relative_to(ROOT).as_posix()
        found += [f for f in fences(md.read_text(encoding="utf-8"), rel) if f.lang.lower() in PYTHON_LANGS]
    return found


def collected_fences() -> set[tuple[str, int]]:
    """{(tệp, dòng)} các khối mà pytest (cấu hình của pyproject.toml) thu thập trong docs/."""
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "docs"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"),
    )
    assert proc.returncode in (0, 5), f"pytest --collect-only docs thất bại:\n{proc.stdout}\n{proc.stderr}"
    items = re.findall(r"^(docs/\S+?\.md)::\S*?\[line:(\d+)\]", proc.stdout, re.M)
    return {(file, int(line)) for file, line in items}


def snippet_test_files() -> list[Path]:
    """Các tệp kiểm thử có thể kiểm thử một snippet (không tính kiểm thử của chính trang web ở tests/docs/)."""
    return [p for p in sorted((ROOT / "tests").rglob("test_*.py")) if (ROOT / "tests" / "docs") not in p.parents]


def all_test_text() -> str:
    """Nội dung mọi tệp kiểm thử, để tìm xem một snippet có được nhắc tới không."""
    return "\n".join(p.read_text(encoding="utf-8") for p in snippet_test_files())


def include_problem(fence: Fence, tests_text: str) -> str | None:
    """Lý do một khối ``notest`` không hợp lệ, hoặc None nếu nó chỉ nhúng các tệp có kiểm thử."""
    lines = [line.strip() for line in fence.body if line.strip()]
    if not lines:
        return "khối notest rỗng"
    for line in lines:
        m = _INCLUDE.match(line)
        if not m:
            return f"khối notest chứa mã viết tay ({line!r}); chỉ được nhúng tệp bằng --8<--"
        path = m["path"]
        if not (ROOT / path).is_file() and ":" in path:
            path = path.split(":", 1)[0]  # tệp.py:mục hoặc tệp.py:dòng:dòng
        if not (ROOT / path).is_file():
            return f"nhúng {path} nhưng tệp không có"
        if path.startswith("snippets/") and path not in tests_text:
            return f"nhúng {path} nhưng không kiểm thử nào trong tests/ nhắc tới nó"
        if not (path.startswith(("snippets/", "rnnlab/")) or re.fullmatch(r"tests/(.+/)?test_\w+\.py", path)):
            return f"nhúng {path}: chỉ nhúng snippets/, rnnlab/ (có kiểm thử riêng) hoặc tệp kiểm thử"
    return None


def test_fence_parser_sees_indented_and_nested_fences():
    text = "\n".join(
        [
            "```{.python}",
            "a = 1",
            "```",
            '=== "rnnlab (tự viết)"',
            "",
            '    ```{.python notest title="x"}',
            '    --8<-- "snippets/x.py"',
            "    ```",
            "````markdown",
            "```python",
            "b = 2",
            "```",
            "````",
            "~~~ python continuation",
            "c = 3",
            "~~~",
        ]
    )
    found = fences(text, "t.md")
    assert [(f.line, f.indent, f.lang) for f in found] == [
        (1, "", "python"),
        (6, "    ", "python"),
        (9, "", "markdown"),
        (14, "", "python"),
    ]
    assert found[1].options == {"notest", 'title="x"'} and found[3].options == {"continuation"}


def test_every_python_fence_in_docs_is_run_or_includes_a_tested_file():
    all_fences = python_fences()
    collected = collected_fences()
    tests_text = all_test_text()
    problems, run, includes = [], 0, 0
    for f in all_fences:
        where = f"{f.file}:{f.line}"
        if "notest" in f.options:
            problem = include_problem(f, tests_text)
            if problem:
                problems.append(f"{where}: {problem}")
            includes += 1
        elif (f.file, f.line) in collected:
            run += 1
        else:
            why = " (khối thụt lề trong thẻ/hộp ghi chú không được thu thập)" if f.indent else ""
            problems.append(f"{where}: pytest-markdown-docs không chạy khối này{why}")
    assert not problems, "Khối Python không được kiểm thử:\n" + "\n".join(problems)
    # khối được thu thập mà ta không đếm ra nghĩa là bộ đếm ở đây sai
    assert collected <= {(f.file, f.line) for f in all_fences}, collected
    assert run >= 1 and includes >= 1  # trang chủ có một khối chạy được và một khối nhúng


@pytest.mark.parametrize("snippet", sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "snippets").rglob("*.py")))
def test_every_snippet_has_a_test(snippet):
    tests = [p for p in snippet_test_files() if snippet in p.read_text(encoding="utf-8")]
    assert tests, f"{snippet} chưa có kiểm thử: thêm tests/snippets/test_<mục>_<tên>.py gọi run_snippet({snippet!r})"
