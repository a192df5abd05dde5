"""Tiến trình con của ``runner``: chạy snippet như ``__main__``, rồi lưu hình và các giá trị.

Snippet lỗi: traceback in ra bắt đầu từ chính snippet (không có khung của tệp này hay của runpy),
rồi thoát với mã 1.
"""

from __future__ import annotations

import json
import numbers
import runpy
import sys
import traceback
from pathlib import Path


def _plain(value, depth=0):
    """Đổi về kiểu JSON được, hoặc trả về ``_SKIP``."""
    if isinstance(value, (bool, str)) or value is None:
        return value
    if isinstance(value, numbers.Number):
        return value if isinstance(value, (int, float)) else float(value)
    if hasattr(value, "numel") and hasattr(value, "item"):  # tensor torch một phần tử
        return value.item() if value.numel() == 1 else _SKIP
    if type(value).__module__ == "numpy" and getattr(value, "size", 0) == 1:
        return value.item()
    if depth < 3 and isinstance(value, (list, tuple)):
        items = [_plain(v, depth + 1) for v in value]
        return _SKIP if any(i is _SKIP for i in items) else items
    if depth < 3 and isinstance(value, dict) and all(isinstance(k, (str, int)) for k in value):
        items = {str(k): _plain(v, depth + 1) for k, v in value.items()}
        return _SKIP if any(i is _SKIP for i in items.values()) else items
    return _SKIP


_SKIP = object()


def _title(fig) -> str:
    """Tiêu đề của hình: ``suptitle`` nếu có, nếu không thì tiêu đề các trục nối bằng " · "."""
    sup = getattr(fig, "_suptitle", None)
    if sup is not None and sup.get_text().strip():
        return sup.get_text().strip()
    return " · ".join(t for ax in fig.axes if (t := ax.get_title().strip()))


def _run(snippet: str) -> dict:
    """Chạy snippet; lỗi thì in traceback từ khung đầu tiên của snippet trở đi và thoát."""
    try:
        return runpy.run_path(snippet, run_name="__main__")
    except Exception as e:
        tb = e.__traceback__
        target = str(Path(snippet).resolve())
        # bỏ các khung của _exec.py và runpy trước khung đầu tiên của snippet
        while tb is not None and str(Path(tb.tb_frame.f_code.co_filename).resolve()) != target:
            tb = tb.tb_next
        traceback.print_exception(type(e), e, tb, file=sys.stderr)
        sys.stderr.flush()
        raise SystemExit(1) from None


def main(snippet: str, out_dir: str, svg_limit: int) -> None:
    import matplotlib

    matplotlib.use("Agg", force=True)
    matplotlib.rcParams["svg.hashsalt"] = "rnnlab"
    import matplotlib.pyplot as plt

    ns = _run(snippet)
    sys.stdout.flush()
    out, stem = Path(out_dir), Path(snippet).stem
    names, titles = [], []
    for k, num in enumerate(plt.get_fignums(), start=1):
        fig = plt.figure(num)
        titles.append(_title(fig))
        name = f"{stem}-{k}.svg"
        fig.savefig(out / name, format="svg", metadata={"Date": None}, bbox_inches="tight")
        if (out / name).stat().st_size > svg_limit:
            (out / name).unlink()
            name = f"{stem}-{k}.png"
            fig.savefig(out / name, format="png", dpi=110, metadata={"Software": None}, bbox_inches="tight")
        names.append(name)
    values = {}
    for key, value in ns.items():
        if key.startswith("_"):
            continue
        plain = _plain(value)
        if plain is not _SKIP:
            values[key] = plain
    (out / "meta.json").write_text(
        json.dumps({"figures": names, "titles": titles, "values": values}, ensure_ascii=False)
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
