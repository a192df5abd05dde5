"""Đo thời gian chạy của từng snippet trong snippets/, chạy mới hoàn toàn (không lấy bộ nhớ đệm).

Chạy:  .venv/bin/python benchmarks/snippet_times.py [--limit 30] [snippets/loai_rnn ...]

Mỗi snippet chạy qua ``hooks.runner.run_snippet(path, use_cache=False)``: đúng tiến trình con mà bản
dựng trang và kiểm thử dùng (kể cả thời gian khởi động Python, import torch và matplotlib), lần lượt
từng cái một để chúng không tranh lõi của nhau. Kết quả mới ghi đè bản đệm cũ của cùng snippet, nên
chạy tập lệnh này không làm hỏng gì. Snippet nào chạy lâu hơn ``--limit`` giây (mặc định 30, mức trần
của dự án trên máy 2 lõi) được đánh dấu, và khi đó tập lệnh thoát với mã 1.

Thời gian phụ thuộc nhiều vào việc máy có bận không: tập lệnh in tải trung bình của máy (load average)
trước và sau khi đo, để người đọc số biết chúng được đo trong điều kiện nào.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hooks import runner  # noqa: E402


def find_snippets(paths: list[str]) -> list[Path]:
    """Mọi tệp .py trong các thư mục (hoặc đúng các tệp) được chỉ, mặc định cả snippets/."""
    found = []
    for p in paths or ["snippets"]:
        full = Path(p) if Path(p).is_absolute() else ROOT / p
        if full.is_file():
            found.append(full)
        elif full.is_dir():
            found += sorted(q for q in full.rglob("*.py") if "__pycache__" not in q.parts)
        else:
            raise SystemExit(f"Không có tệp hay thư mục {p!r}.")
    return found


def load() -> str:
    try:
        return ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "không đo được"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Thời gian chạy mới (không bộ nhớ đệm) của từng snippet.")
    parser.add_argument("paths", nargs="*", help="thư mục hoặc tệp snippet (mặc định: snippets/)")
    parser.add_argument("--limit", type=float, default=30.0, help="mức trần, giây (mặc định 30)")
    args = parser.parse_args(argv)

    snippets = find_snippets(args.paths)
    if not snippets:
        print("Không tìm thấy snippet nào.")
        return 0
    print(f"{len(snippets)} snippet, {os.cpu_count()} lõi; tải trung bình (1, 5, 15 phút) lúc bắt đầu: {load()}")
    width = max(len(p.relative_to(ROOT).as_posix()) for p in snippets)
    rows, failed = [], []
    start = time.perf_counter()
    for path in snippets:
        rel = path.relative_to(ROOT).as_posix()
        try:
            result = runner.run_snippet(path, use_cache=False)
        except runner.SnippetError as err:
            failed.append(rel)
            print(f"{rel:<{width}}    LỖI: {str(err).splitlines()[0]}", flush=True)
            continue
        over = result.seconds > args.limit
        rows.append((rel, result.seconds, over))
        mark = f"   QUÁ {args.limit:g} s" if over else ""
        print(f"{rel:<{width}}  {result.seconds:6.1f} s{mark}", flush=True)
    total = time.perf_counter() - start
    over = [r for r in rows if r[2]]
    print(
        f"Tổng: {total:.1f} s; chậm nhất: {max((r[1] for r in rows), default=0):.1f} s; "
        f"tải trung bình lúc kết thúc: {load()}"
    )
    if over:
        print(f"{len(over)} snippet chạy quá {args.limit:g} s: {', '.join(r[0] for r in over)}")
    if failed:
        print(f"{len(failed)} snippet chạy lỗi: {', '.join(failed)}")
    if not over and not failed:
        print(f"Mọi snippet đều xong trong {args.limit:g} s.")
    return 1 if over or failed else 0


if __name__ == "__main__":
    sys.exit(main())
