"""Phần chung của các kiểm thử."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture
def run_snippet():
    """Chạy một snippet (qua bộ nhớ đệm chung với bản dựng trang) và trả về ``SnippetResult``."""
    from hooks.runner import run_snippet as run

    return run
