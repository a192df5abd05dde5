"""Các khối Python trong README chạy được và in đúng điều chúng hứa."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_python_blocks_run():
    blocks = re.findall(r"^```python\n(.*?)^```", README.read_text(encoding="utf-8"), flags=re.S | re.M)
    assert blocks, "README phải có ít nhất một ví dụ Python"
    outputs = []
    for code in blocks:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, str(README), "exec"), {})
        outputs.append(out.getvalue().splitlines())
    # ví dụ đầu: sai số với torch.nn nhỏ, và đúng các khoá tầng/chiều như chú thích trong README
    assert float(outputs[0][0]) < 1e-5
    assert outputs[0][1] == "{'l0': (20,), 'l0_reverse': (20,), 'l1': (20,), 'l1_reverse': (20,)}"
