"""Phần chung của các kiểm thử."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture
def one_thread():
    """Ma trận nhỏ: một luồng nhanh hơn (và không tranh CPU với việc khác); trả lại như cũ sau đó."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture
def run_snippet():
    """Chạy một snippet (qua bộ nhớ đệm chung với bản dựng trang) và trả về ``SnippetResult``."""
    from hooks.runner import run_snippet as run

    return run
