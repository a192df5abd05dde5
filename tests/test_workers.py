"""``./dev test`` chạy hai worker (pytest-xdist): kiểm thử trang web phải ở cùng một worker.

Chúng dựng trang (bản dựng chính và các trang nhỏ hỏng có chủ ý) và dùng chung ``.cache``; chạy song song
trên hai worker thì hai bản dựng giẫm lên nhau. pytest 9.2 từng làm ``--dist loadgroup`` lặng lẽ thôi gom
nhóm (constraints.txt ghim pytest vì thế): kiểm thử này thấy ngay nếu điều đó trở lại.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_site_tests_stay_on_one_worker_and_package_tests_spread():
    dev = (ROOT / "dev").read_text(encoding="utf-8")
    options = re.search(r"pytest -n \S+ (--dist loadgroup --no-loadscope-reorder)", dev)
    assert options, "./dev test không còn chạy hai worker với --dist loadgroup"
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "2", *options[1].split(), "-v", "-p", "no:cacheprovider"]
        + ["tests/docs/test_text_pages.py", "tests/test_clip.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    runs = re.findall(r"^\[(gw\d)\] .*?PASSED (\S+)", proc.stdout, re.M)
    site = {(worker, nodeid.endswith("@trang")) for worker, nodeid in runs if nodeid.startswith("tests/docs/")}
    package = {worker for worker, nodeid in runs if nodeid.startswith("tests/test_clip.py")}
    assert len(runs) > 40, proc.stdout[-3000:]
    assert len(site) == 1 and next(iter(site))[1], f"kiểm thử trang web rải ra: {sorted(site)}"
    assert package == {"gw0", "gw1"}, f"kiểm thử gói chỉ chạy trên {package}"
