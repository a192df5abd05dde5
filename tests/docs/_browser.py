"""Chromium cho mọi kiểm thử trong trình duyệt: đường dẫn, tham số khởi chạy, và khi nào bỏ qua.

Đường dẫn: biến môi trường ``RNNLAB_CHROMIUM`` (mặc định /usr/bin/chromium; ``./dev`` cài gói ``chromium``
của Debian khi thiếu; workflow GitHub dùng Chrome có sẵn trên máy chạy). Thiếu trình duyệt thì kiểm thử bỏ
qua và nói lý do, trừ khi ``CI`` được đặt: khi đó là lỗi. Fixture ``browser`` (một trình duyệt cho cả phiên
kiểm thử: Playwright chỉ cho một vòng lặp đồng bộ mỗi tiến trình) ở ``tests/docs/conftest.py``.
"""

from __future__ import annotations

import os

import pytest

LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str:
    return os.environ.get("RNNLAB_CHROMIUM", "/usr/bin/chromium")


def missing(reason: str):
    """Bỏ qua (máy không có trình duyệt), hoặc thất bại trong CI, nơi mọi kiểm thử phải chạy."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI phải chạy đủ kiểm thử trình duyệt)", pytrace=False)
    pytest.skip(reason)
