"""``argparse`` nói tiếng Việt: cách dùng, tiêu đề nhóm, trợ giúp, lỗi, và các kiểu số có thông báo tiếng Việt.

argparse tra ``_`` và ``ngettext`` của mô-đun mỗi lần dùng một chuỗi, nên ``ArgumentParser`` ở đây thay
tạm hai hàm đó bằng bảng dịch ``_VI`` trong mỗi phương thức in chữ; ra khỏi đó, argparse như cũ.
"""

from __future__ import annotations

import argparse
import contextlib
import math

_VI = {
    "usage: ": "cách dùng: ",
    "positional arguments": "tham số vị trí",
    "options": "tuỳ chọn",
    "optional arguments": "tuỳ chọn",
    "show this help message and exit": "hiện trợ giúp này rồi thoát",
    "show program's version number and exit": "hiện phiên bản rồi thoát",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "thiếu các tham số bắt buộc: %s",
    "unrecognized arguments: %s": "không hiểu các tham số: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "lựa chọn không hợp lệ: %(value)r (chọn một trong %(choices)s)",
    "invalid %(type)s value: %(value)r": "giá trị %(type)s không hợp lệ: %(value)r",
    "expected one argument": "cần đúng một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "ambiguous option: %(option)s could match %(matches)s": "tuỳ chọn mơ hồ: %(option)s có thể là %(matches)s",
    "not allowed with argument %s": "không dùng được cùng tham số %s",
    "ignored explicit argument %r": "bỏ qua giá trị %r",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "unexpected option string: %s": "tuỳ chọn không mong đợi: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "không có lệnh %(parser_name)r (các lệnh: %(choices)s)",
    "can't open '%(filename)s': %(error)s": "không mở được '%(filename)s': %(error)s",
}
_VI_PLURAL = {"expected %s argument": "cần %s giá trị", "expected %s arguments": "cần %s giá trị"}


@contextlib.contextmanager
def _vietnamese():
    """Trong khối ``with``, argparse dịch các chuỗi của nó qua bảng ``_VI`` (argparse tra ``_`` và
    ``ngettext`` của mô-đun mỗi lần dùng, nên thay tạm hai hàm đó là đủ)."""
    old = argparse._, argparse.ngettext
    argparse._ = lambda text: _VI.get(text, old[0](text))
    argparse.ngettext = lambda one, many, n: _VI_PLURAL.get(one if n == 1 else many, old[1](one, many, n))
    try:
        yield
    finally:
        argparse._, argparse.ngettext = old


class HelpFormatter(argparse.ArgumentDefaultsHelpFormatter):
    """Trợ giúp tiếng Việt, có ghi giá trị mặc định."""

    def _get_help_string(self, action):
        help = action.help or ""
        if (
            "%(default)" not in help
            and action.default not in (None, False, argparse.SUPPRESS)
            and action.option_strings
        ):
            help += " (mặc định: %(default)s)"
        return help


class ArgumentParser(argparse.ArgumentParser):
    """``argparse.ArgumentParser`` nói tiếng Việt: cách dùng, tiêu đề nhóm, trợ giúp và lỗi."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", HelpFormatter)
        with _vietnamese():
            super().__init__(*args, **kwargs)

    def parse_args(self, *args, **kwargs):
        with _vietnamese():
            return super().parse_args(*args, **kwargs)

    def parse_known_args(self, *args, **kwargs):
        with _vietnamese():
            return super().parse_known_args(*args, **kwargs)

    def format_usage(self):
        with _vietnamese():
            return super().format_usage()

    def format_help(self):
        with _vietnamese():
            return super().format_help()

    def add_subparsers(self, **kwargs):
        with _vietnamese():
            return super().add_subparsers(**kwargs)

    def error(self, message):
        with _vietnamese():
            super().error(message)


def number(kind, low=None, low_open=False, high=None):
    """Hàm kiểm tra kiểu cho argparse với thông báo tiếng Việt: số nguyên/thực trong một khoảng."""

    def parse(text):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"cần một {'số nguyên' if kind is int else 'số thực'}, nhưng nhận được {text!r}"
            ) from None
        if isinstance(value, float) and not math.isfinite(value):
            raise argparse.ArgumentTypeError(f"cần một số hữu hạn, nhưng nhận được {text!r}")
        if low is not None and (value <= low if low_open else value < low):
            raise argparse.ArgumentTypeError(f"cần một số {'>' if low_open else '≥'} {low}, nhưng nhận được {text}")
        if high is not None and value > high:
            raise argparse.ArgumentTypeError(f"cần một số ≤ {high}, nhưng nhận được {text}")
        return value

    parse.__name__ = "số nguyên" if kind is int else "số thực"
    return parse


positive_int = number(int, low=1)
nonnegative_int = number(int, low=0)
positive_float = number(float, low=0.0, low_open=True)
nonnegative_float = number(float, low=0.0)
seq_len_int = number(int, low=2)
real = number(float)
