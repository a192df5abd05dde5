"""Phần chung của các kiểm thử."""

from __future__ import annotations

import functools
import inspect
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


# Snippet chạy lâu (≥ 5 giây một mình trên máy 2 lõi rảnh, đo bằng benchmarks/snippet_times.py hoặc thời gian
# lưu trong .cache/snippets/*/result.json). Kiểm thử nào chạy một trong số này mang dấu `slow`, để vòng lặp
# nhanh `./dev test -m "not slow"` từ bộ nhớ đệm trống xong trong khoảng hai phút; CI vẫn chạy tất cả.
LONG_SNIPPETS = (
    "snippets/gradient/adding_long_gru.py",
    "snippets/gradient/adding_long_lstm.py",
    "snippets/gradient/adding_long_rnn.py",
    "snippets/gradient/adding_short.py",
    "snippets/gradient/clipping_training.py",
    "snippets/gradient/flow_cells.py",
    "snippets/gradient/truncated_bptt.py",
    "snippets/loai_rnn/gru_sentiment.py",
    "snippets/loai_rnn/hai_chieu_speech.py",
    "snippets/loai_rnn/lstm_translation.py",
    "snippets/loai_rnn/sau_char_lm.py",
    "snippets/loai_rnn/sau_probes.py",
    "snippets/loai_rnn/vanilla_rnn_stock_lag.py",
)


@functools.cache
def _source(function) -> str:
    try:
        return inspect.getsource(function)
    except (OSError, TypeError):
        return ""


def pytest_collection_modifyitems(config, items):
    for item in items:
        # tên kiểm thử, mã của nó, và mã các fixture nó dùng (snippet thường chạy trong một fixture của mô-đun)
        defs = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
        fixtures = [fd.func for fds in defs.values() for fd in fds]
        text = item.nodeid + "".join(_source(f) for f in [getattr(item, "function", None), *fixtures])
        if any(path in text for path in LONG_SNIPPETS):
            item.add_marker(pytest.mark.slow)
