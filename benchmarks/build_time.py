"""Đo thời gian dựng trang: từ đầu, dựng lại khi không gì đổi, sau khi sửa chữ, sau khi sửa một snippet.

Chạy:  .venv/bin/python benchmarks/build_time.py [--snippet snippets/co_ban/xin_chao.py] [--repeat 3]

Mọi phép đo diễn ra trên một bản sao của cây làm việc trong thư mục tạm (trừ .git, .venv, .cache,
site; node_modules được liên kết), với bộ nhớ đệm riêng: không đụng vào tệp hay .cache/ của bạn.
Mỗi lần dựng là ``python -m mkdocs build --strict`` trong một tiến trình mới, như người dùng gõ lệnh
(nên đã gồm thời gian khởi động Python và import). "Trong mkdocs serve" là lần dựng thứ hai trong
cùng một tiến trình, đúng việc ``mkdocs serve`` làm sau mỗi lần lưu tệp.

Mục tiêu trên máy 2 lõi: dựng lại khi không gì đổi ≤ 3 s; sau khi sửa một snippet ≤ 10 s.
Đây là tập lệnh đo, không phải kiểm thử: nó in số, không khẳng định gì.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIPPED = {".git", ".venv", "node_modules", "site", ".cache", ".pytest_cache", ".hypothesis", "build", "dist"}
SERVE_SCRIPT = """
import sys, time
from mkdocs.commands.build import build
from mkdocs.config import load_config
def once():
    config = load_config("mkdocs.yml", site_dir=sys.argv[1])
    start = time.perf_counter(); build(config); return time.perf_counter() - start
once()
print(min(once() for _ in range(int(sys.argv[2]))))
"""


def copy_repo(dest: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints", "*.egg-info")
    for src in ROOT.iterdir():
        if src.name in SKIPPED or src.name.endswith(".egg-info"):
            continue
        if src.is_dir():
            shutil.copytree(src, dest / src.name, ignore=ignore)
        else:
            shutil.copy2(src, dest / src.name)
    if not (ROOT / "node_modules").is_dir():
        sys.exit("Chưa có node_modules: chạy ./dev setup (npm ci) trước.")
    (dest / "node_modules").symlink_to(ROOT / "node_modules")


def build(work: Path, env: dict) -> float:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(work / "site")],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"mkdocs build thất bại:\n{proc.stdout}\n{proc.stderr}")
    return seconds


def touch(path: Path, line: str) -> None:
    with open(path, "a", encoding="utf-8") as f:
        f.write(line)


def main() -> None:
    parser = argparse.ArgumentParser(description="Đo thời gian dựng trang rnnlab.")
    parser.add_argument("--snippet", default="snippets/co_ban/xin_chao.py", help="snippet sẽ được sửa")
    parser.add_argument("--repeat", type=int, default=3, help="số lần đo mỗi phép (lấy trung vị)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="rnnlab-bench-") as tmp:
        work = Path(tmp)
        copy_repo(work)
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
        env.pop("RNNLAB_CACHE_DIR", None)  # bộ nhớ đệm nằm trong bản sao: lần đầu là dựng từ đầu thật

        cold = build(work, env)
        # thời gian chạy của từng snippet trong lần dựng từ đầu, cộng theo mục (snippets/<mục>/)
        by_section: dict = {}
        for record in (work / ".cache" / "snippets").glob("*/result.json"):
            section = record.parent.name.split("__")[0]
            by_section[section] = by_section.get(section, 0.0) + json.loads(record.read_text())["seconds"]
        warm = statistics.median(build(work, env) for _ in range(args.repeat))
        text_edits, snippet_edits = [], []
        for k in range(args.repeat):
            touch(work / "docs" / "index.md", f"\n<!-- sửa chữ lần {k} -->\n")
            text_edits.append(build(work, env))
            touch(work / args.snippet, f"\n# sửa lần {k}\n")
            snippet_edits.append(build(work, env))
        serve = float(
            subprocess.run(
                [sys.executable, "-c", SERVE_SCRIPT, str(work / "site"), str(args.repeat)],
                cwd=work,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        text_edit, snippet_edit = statistics.median(text_edits), statistics.median(snippet_edits)
        snippets = sorted(p.relative_to(work).as_posix() for p in (work / "snippets").rglob("*.py"))

    print(
        f"Thời gian dựng trang rnnlab ({os.cpu_count()} lõi, {len(snippets)} snippet, trung vị của {args.repeat} lần)"
    )
    print("Mỗi lần là `python -m mkdocs build --strict` trong tiến trình mới (gồm khởi động Python).")
    rows = [
        ("dựng từ đầu (bộ nhớ đệm trống)", cold, ""),
        ("dựng lại, không gì thay đổi", warm, "mục tiêu ≤ 3 s"),
        ("sau khi sửa chữ một trang", text_edit, ""),
        (f"sau khi sửa {args.snippet}", snippet_edit, "mục tiêu ≤ 10 s"),
        ("dựng lại trong mkdocs serve (không gì đổi)", serve, "không tính khởi động"),
    ]
    for label, seconds, note in rows:
        ratio = f"{seconds / cold:6.1%} của lần đầu" if cold else ""
        print(f"  {label:<48} {seconds:7.2f} s   {ratio:<20} {note}")
    print("Tổng thời gian chạy snippet trong lần dựng từ đầu, theo mục (các snippet chạy song song, nên tổng")
    print("lớn hơn phần chúng thêm vào thời gian dựng; mục gradient: mục tiêu ≤ 90 s):")
    for section, seconds in sorted(by_section.items()):
        print(f"  snippets/{section:<39} {seconds:7.2f} s")


if __name__ == "__main__":
    main()
