"""``./dev check docs/<trang>.md``: kiểm tra nhanh một trang trong lúc viết (khoảng 10 giây khi bộ nhớ đệm đã có).

1. Dựng cả trang web nghiêm ngặt (vào một thư mục tạm), như ``./dev build``: mọi cảnh báo của các hook (snippet
   chưa có kiểm thử, khối Python không được chạy, từ cần tránh, ``--8<--`` sai, neo sai, trang ngoài nav)
   và mọi snippet chạy lỗi đều làm bước này thất bại.
2. pytest trên các khối Python viết thẳng trong trang đó và trên kiểm thử của mọi snippet mà trang
   nhúng (``--8<--``) hay chạy (``rnnlab:run``, ``rnnlab:value``).

``./dev test`` (mọi kiểm thử) vẫn là phép kiểm trước khi gửi pull request.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hooks import checks, fences, figures, runner  # noqa: E402


def page_snippets(text: str) -> list[str]:
    """Các snippet mà trang nhúng hay chạy, đường dẫn tính từ gốc repo."""
    found = {m.path for m in figures.scan(text, "trang")}
    for line in text.split("\n"):
        spec = fences.include_path(line)
        if spec:
            found.add(spec if (ROOT / spec).is_file() else spec.split(":", 1)[0])
    return sorted(p for p in found if p.startswith(runner.SNIPPETS))


def tests_for(snippets: list[str]) -> list[str]:
    """Các tệp kiểm thử nhắc tới ít nhất một snippet trong ``snippets``."""
    out = []
    for path in checks.snippet_test_files():
        text = path.read_text(encoding="utf-8")
        if any(s in text for s in snippets):
            out.append(path.relative_to(ROOT).as_posix())
    return out


def _step(title: str, command: list[str]) -> int:
    print(f"\n== {title}\n$ {' '.join(command)}", flush=True)
    start = time.perf_counter()
    code = subprocess.run(command, cwd=ROOT, env=dict(os.environ, NO_MKDOCS_2_WARNING="1")).returncode
    print(f"({time.perf_counter() - start:.1f} s)".replace(".", ","), flush=True)
    return code


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("Dùng: ./dev check docs/<trang>.md", file=sys.stderr)
        return 2
    page = Path(argv[0]).resolve()
    docs = ROOT / "docs"
    if not page.is_file() or page.suffix != ".md" or not page.is_relative_to(docs):
        print(f"{argv[0]}: không phải một trang .md trong docs/.", file=sys.stderr)
        return 2
    rel = page.relative_to(ROOT).as_posix()
    with tempfile.TemporaryDirectory(prefix="rnnlab-check-") as site:
        build = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", site]
        if _step("Dựng trang nghiêm ngặt (như ./dev build)", build):
            print(f"\n{rel}: bản dựng thất bại; xem các dòng WARNING/ERROR ở trên.", file=sys.stderr)
            return 1
    snippets = page_snippets(page.read_text(encoding="utf-8"))
    tests = tests_for(snippets)
    print(f"\nSnippet của trang: {', '.join(snippets) or '(không có)'}")
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", rel, *tests]
    code = _step("Khối Python của trang và kiểm thử của các snippet của nó", command)
    if code == 5:  # pytest không thu thập được gì: trang không có khối chạy được và không có snippet
        code = 0
    print(f"\n{rel}: {'ổn' if code == 0 else 'có kiểm thử hỏng, xem ở trên'}.")
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
