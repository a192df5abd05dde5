"""Phần chung của các kiểm thử."""

from __future__ import annotations

import functools
import inspect
import os
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


def pytest_configure(config):
    if hasattr(config, "workerinput"):  # worker của xdist: hai worker trên hai lõi, mỗi worker một luồng torch
        os.environ.setdefault("OMP_NUM_THREADS", "1")


# ``./dev test`` chạy hai worker (pytest-xdist, ``--dist loadgroup``). Mọi kiểm thử trang web (tests/docs/) là
# một nhóm, chạy trên cùng một worker theo thứ tự, vì chúng dựng trang (bản dựng chính và các trang nhỏ hỏng có
# chủ ý) dùng chung .cache. Trong lúc worker đó dựng trang, worker kia chạy kiểm thử gói và snippet, rồi nhận
# nhóm thứ hai: mở từng trang trong trình duyệt, sau khi bản dựng (chung, có khoá) xong. Thứ tự này giữ cả khi
# chạy một tiến trình: dựng trang trước, trình duyệt từng trang sau cùng.
GROUPS = {"trang": 0, None: 1, "trinh-duyet": 2}


def _group(item) -> str | None:
    path = Path(str(item.path)).resolve()
    if path == ROOT / "tests" / "docs" / "browser" / "test_browser_pages.py":
        return "trinh-duyet"
    if path.is_relative_to(ROOT / "tests" / "docs"):
        return "trang"
    return None


@pytest.hookimpl(tryfirst=True)  # trước hook của xdist, hook đọc dấu xdist_group để gắn nhóm vào nodeid
def pytest_collection_modifyitems(config, items):
    groups = {id(item): _group(item) for item in items}
    items.sort(key=lambda item: GROUPS[groups[id(item)]])  # sắp xếp ổn định: trong nhóm giữ nguyên thứ tự
    for item in items:
        if groups[id(item)]:
            item.add_marker(pytest.mark.xdist_group(groups[id(item)]))
        # tên kiểm thử, mã của nó, và mã các fixture nó dùng (snippet thường chạy trong một fixture của mô-đun)
        defs = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
        fixtures = [fd.func for fds in defs.values() for fd in fds]
        text = item.nodeid + "".join(_source(f) for f in [getattr(item, "function", None), *fixtures])
        if any(path in text for path in LONG_SNIPPETS):
            item.add_marker(pytest.mark.slow)
