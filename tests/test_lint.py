"""Ruff (cấu hình trong pyproject.toml): không lỗi lint, mã đã định dạng."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def ruff(*args):
    exe = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if exe is None:
        pytest.fail("không tìm thấy ruff: chạy ./dev setup (ruff nằm trong phần phụ thuộc test)")
    return subprocess.run([exe, *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff_check_is_clean():
    r = ruff("check", "--no-cache", ".")
    assert r.returncode == 0, r.stdout + r.stderr


def test_ruff_format_is_clean():
    r = ruff("format", "--no-cache", "--check", ".")
    assert r.returncode == 0, "chạy `ruff format .` cho các tệp sau:\n" + r.stdout + r.stderr
