"""Thanh tiến trình (tqdm) cho huấn luyện, thí nghiệm và dòng lệnh.

Trên terminal: một dòng tự cập nhật. Ngoài terminal (tệp nhật ký, CI, ống dẫn): tqdm vẫn viết ``\\r``
trước mỗi lần cập nhật, và mọi lần cập nhật dồn thành một dòng dài; ở đó mỗi lần cập nhật thành một
dòng riêng, và chỉ khoảng ``lines`` dòng cho cả quá trình.
"""

from __future__ import annotations

import sys

from tqdm import tqdm

# chữ tiếng Việt thay cho "it/s" của tqdm: "epoch 3/10 |███   | 0:02, còn 0:05, mất mát 0,1"
BAR_FORMAT = "{desc} {n_fmt}/{total_fmt} |{bar}| {elapsed}, còn {remaining}{postfix}"
LINE_FORMAT = "{desc} {n_fmt}/{total_fmt} ({percentage:.0f}%) {elapsed}{postfix}"


class _Lines:
    """Tệp cho tqdm ngoài terminal: mỗi lần tqdm vẽ lại (``\\r`` + dòng) thành một dòng kết thúc bằng ``\\n``."""

    def __init__(self, stream):
        self.stream = stream
        self.last = None

    def write(self, text: str) -> None:
        line = text.replace("\r", "").rstrip()
        if line and line != self.last:
            self.stream.write(line + "\n")
            self.last = line

    def flush(self) -> None:
        self.stream.flush()


def is_terminal(stream) -> bool:
    return bool(getattr(stream, "isatty", lambda: False)())


def progress_bar(total: int, desc: str, stream=None, lines: int = 5, disable: bool = False) -> tqdm:
    """Thanh tiến trình ``total`` bước, ra ``stream`` (mặc định stderr); gọi ``update``, ``set_postfix_str``, ``close``."""
    stream = sys.stderr if stream is None else stream
    if is_terminal(stream):
        return tqdm(total=total, desc=desc, file=stream, bar_format=BAR_FORMAT, dynamic_ncols=True, disable=disable)
    return tqdm(
        total=total,
        desc=desc,
        file=_Lines(stream),
        bar_format=LINE_FORMAT,
        mininterval=0,
        miniters=max(1, total // lines),
        delay=1e-9,  # không in dòng "0/N" lúc bắt đầu
        disable=disable,
    )
