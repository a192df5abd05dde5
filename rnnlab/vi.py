"""Viết số theo cách tiếng Việt: dấu phẩy thập phân (0,93), cho chữ in ra và cho nhãn trục của hình.

    from rnnlab.vi import decimal_comma, number

    print(f"RMSE {number(0.9312, '.3f')}")  # RMSE 0,931
    decimal_comma()  # nhãn trục của mọi hình đang mở: 0,5 thay cho 0.5 (gọi ngay trước plt.show())

Không dùng ``locale``: máy chạy thử (CI) thường không cài sẵn locale tiếng Việt.
"""

from __future__ import annotations

import functools
import re

_POINT = re.compile(r"(?<=\d)\.(?=\d)")  # dấu chấm nằm giữa hai chữ số


def comma(text: str) -> str:
    """Đổi dấu chấm thập phân (giữa hai chữ số) trong ``text`` thành dấu phẩy: "ρ = 0.9" → "ρ = 0,9"."""
    return _POINT.sub(",", text)


def number(x, spec: str = "") -> str:
    """``format(x, spec)`` với dấu phẩy thập phân; ``x`` có thể là tensor hay mảng numpy một phần tử."""
    if hasattr(x, "item"):
        x = x.item()
    return comma(format(x, spec))


def say(text: str, **kw) -> None:
    """``print`` một dòng với dấu phẩy thập phân (dòng lệnh ``rnnlab`` in kết quả bằng hàm này)."""
    print(comma(text), **kw)


def table(headers, rows) -> str:
    """Bảng chữ thẳng cột cho dòng lệnh; số trong các ô viết bằng dấu phẩy thập phân."""
    cells = [[str(h) for h in headers]] + [[comma(str(c)) for c in row] for row in rows]
    widths = [max(len(r[k]) for r in cells) for k in range(len(headers))]
    line = lambda r: "  ".join(c.rjust(w) if k else c.ljust(w) for k, (c, w) in enumerate(zip(r, widths)))
    return "\n".join([line(cells[0]), "  ".join("-" * w for w in widths)] + [line(r) for r in cells[1:]])


def decimal_comma(*figs) -> None:
    """Nhãn trên các trục (và số nhân chung, như 1e−3) của ``figs`` viết bằng dấu phẩy thập phân.

    Không truyền hình nào: mọi hình pyplot đang mở. Gọi sau khi đã đặt thang (``set_xscale``,
    ``semilogy``...), vì đổi thang sẽ thay bộ định dạng.
    """
    if not figs:
        from matplotlib import pyplot as plt

        figs = [plt.figure(num) for num in plt.get_fignums()]
    wrapper = _comma_formatter()
    for ax in (ax for fig in figs for ax in fig.axes):
        for axis in (ax.xaxis, ax.yaxis):
            for which in ("major", "minor"):
                inner = getattr(axis, f"get_{which}_formatter")()
                if not isinstance(inner, wrapper):
                    getattr(axis, f"set_{which}_formatter")(wrapper(inner))


@functools.cache
def _comma_formatter():
    """Bộ định dạng bọc ngoài bộ định dạng sẵn có của matplotlib (chỉ import matplotlib khi cần vẽ)."""
    from matplotlib import ticker

    class Comma(ticker.Formatter):
        """Giữ nguyên mọi việc của bộ định dạng bên trong, chỉ đổi dấu chấm thập phân thành dấu phẩy."""

        def __init__(self, inner):
            self.inner = inner

        def set_axis(self, axis):
            super().set_axis(axis)
            self.inner.set_axis(axis)

        def set_locs(self, locs):
            self.inner.set_locs(locs)

        def format_ticks(self, values):
            return [comma(s) for s in self.inner.format_ticks(values)]

        def __call__(self, x, pos=None):
            return comma(self.inner(x, pos))

        def format_data_short(self, value):
            return comma(self.inner.format_data_short(value))

        def get_offset(self):
            return comma(self.inner.get_offset())

    return Comma
