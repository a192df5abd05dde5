"""Mọi khối mã Python trong docs/ hoặc được pytest-markdown-docs chạy, hoặc là khối nhúng một tệp có kiểm thử.

pytest-markdown-docs bỏ qua mà không báo gì các khối thụt lề (trong thẻ ``=== "..."``, hộp ``!!!``),
các khối ``{.python}`` khi thiếu ``--markdown-docs-syntax=superfences``... Ở đây ta tự đếm các khối
Python trong docs/ rồi so với những gì pytest thật sự thu thập (với đúng cấu hình trong pyproject.toml).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from hooks import checks, fences

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def python_fences() -> list[fences.Fence]:
    found = []
    for md in sorted(DOCS.rglob("*.md")):
        rel = md.relative_to(ROOT).as_posix()
        found += [f for f in fences.fences(md.read_text(encoding="utf-8"), rel) if f.is_python]
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
    found = fences.fences(text, "t.md")
    assert [(f.line, f.indent, f.lang) for f in found] == [
        (1, "", "python"),
        (6, "    ", "python"),
        (9, "", "markdown"),
        (14, "", "python"),
    ]
    assert found[1].options == {"notest", 'title="x"'} and found[3].options == {"continuation"}


def test_fence_problems_seen_by_the_build():
    """Các khối mà bản dựng cảnh báo (hooks/checks.py) trước khi pytest được hỏi tới."""
    text = "\n".join(
        [
            "```{.python}",
            "a = 1",
            "```",
            '!!! note "Thử"',
            "    ```{.python}",
            "    b = 2",
            "    ```",
            "```{.python notest}",
            "c = 3",
            "```",
            "```python continuation",
            "d = 4",
            "```",
            "```{.python notest}",
            '--8<-- "snippets/khong_co.py"',
            "```",
        ]
    )
    problems = checks.page_fence_problems(text, "docs/x.md", tests_text="")
    assert [p.split(": ", 1)[0] for p in problems] == ["docs/x.md:5", "docs/x.md:8", "docs/x.md:11", "docs/x.md:14"]
    assert "thụt lề" in problems[0] and "mã viết tay" in problems[1] and "{.python continuation}" in problems[2]
    assert "snippets/khong_co.py nhưng tệp không có" in problems[3]


def test_every_python_fence_in_docs_looks_tested():
    """Nhanh (không hỏi pytest): mọi khối Python của docs/ ở cấp cao nhất, hoặc là khối nhúng tệp có kiểm thử."""
    tests_text = checks.snippet_tests_text()
    problems = []
    for md in sorted(DOCS.rglob("*.md")):
        where = md.relative_to(ROOT).as_posix()
        problems += checks.page_fence_problems(md.read_text(encoding="utf-8"), where, tests_text)
    assert not problems, "Khối Python không được kiểm thử:\n" + "\n".join(problems)


@pytest.mark.slow  # thu thập lồng: một lần pytest --collect-only trên docs/
def test_every_python_fence_in_docs_is_run_or_includes_a_tested_file():
    all_fences = python_fences()
    collected = collected_fences()
    tests_text = checks.snippet_tests_text()
    problems, run, includes = [], 0, 0
    for f in all_fences:
        where = f"{f.file}:{f.line}"
        if "notest" in f.options:
            problem = checks.include_problem(f, tests_text)
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


@pytest.mark.parametrize("snippet", checks.all_snippets())
def test_every_snippet_has_a_test(snippet):
    tests = [p for p in checks.snippet_test_files() if snippet in p.read_text(encoding="utf-8")]
    assert tests, f"{snippet} chưa có kiểm thử: {checks.missing_test_hint(snippet)}"
