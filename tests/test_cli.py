"""Dòng lệnh ``rnnlab`` / ``python -m rnnlab``: trợ giúp tiếng Việt, mã thoát 2 khi tham số sai, và vài
lần chạy thật rất nhỏ."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from rnnlab import cli

ROOT = Path(__file__).resolve().parent.parent
ENGLISH = [
    "usage:",
    "positional arguments",
    "options:",
    "optional arguments",
    "show this help message",
    "error:",
    "invalid choice",
    "required",
    "unrecognized arguments",
    "expected one argument",
]


@pytest.fixture(autouse=True)
def _keep_threads():
    before = torch.get_num_threads()
    yield
    torch.set_num_threads(before)


def run_main(capsys, *argv):
    """Gọi ``cli.main`` trong tiến trình này; trả về (mã thoát, stdout, stderr)."""
    try:
        code = cli.main(list(argv))
    except SystemExit as e:
        code = e.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "argv", [["--help"], ["flow", "--help"], ["adding", "--help"], ["clipping", "--help"], ["cliff", "--help"]]
)
def test_help_is_vietnamese(capsys, argv):
    code, out, _ = run_main(capsys, *argv)
    assert code == 0
    assert out.startswith("cách dùng: rnnlab")
    assert "tuỳ chọn:" in out and "hiện trợ giúp này rồi thoát" in out
    for word in ENGLISH:
        assert word not in out, word


def test_top_level_help_lists_commands(capsys):
    _, out, _ = run_main(capsys, "--help")
    for command in ("flow", "adding", "clipping", "cliff"):
        assert command in out
    assert "các lệnh" in out


@pytest.mark.parametrize(
    "argv, expected",
    [
        ([], "thiếu các tham số bắt buộc: LỆNH"),
        (["flw"], "lựa chọn không hợp lệ: 'flw'"),
        (["adding", "--seq-len", "-3"], "tham số --seq-len: cần một số ≥ 2, nhưng nhận được -3"),
        (["adding", "--cell", "cnn"], "tham số --cell: lựa chọn không hợp lệ: 'cnn'"),
        (["adding", "--seq-len"], "tham số --seq-len: cần đúng một giá trị"),
        (["flow", "--rho", "abc"], "cần một số thực, nhưng nhận được 'abc'"),
        (["flow", "--rho", "nan"], "cần một số hữu hạn"),
        (["clipping", "--lr", "0"], "cần một số > 0.0"),
        (["flow", "--bogus", "1"], "không hiểu các tham số: --bogus 1"),
    ],
)
def test_bad_arguments_exit_2_with_vietnamese_message(capsys, argv, expected):
    code, out, err = run_main(capsys, *argv)
    assert code == 2
    assert "cách dùng: rnnlab" in err and ": lỗi: " in err
    assert expected in err
    for word in ENGLISH:
        assert word not in err, word


def test_argparse_is_left_untouched_afterwards():
    import argparse

    cli.build_parser()
    assert argparse._("usage: ") == "usage: "  # bản dịch chỉ có hiệu lực bên trong parser của rnnlab


def test_flow_linear_rnn_matches_theory(capsys, tmp_path):
    code, out, _ = run_main(
        capsys, "flow", "--cell", "rnn", "--rho", "0.9", "--seq-len", "30", "--hidden-size", "8", "--out", str(tmp_path)
    )
    assert code == 0
    assert "Sai lệch tương đối lớn nhất so với ρ^(T−t)" in out
    rel = float(out.split("Sai lệch tương đối lớn nhất so với ρ^(T−t):")[1].split()[0].replace(",", "."))
    assert rel < 1e-9
    assert "0,9000" in out  # hệ số nhân mỗi bước = ρ, viết bằng dấu phẩy thập phân
    assert not re.search(r"\d\.\d", out.split("Đã lưu hình")[0])  # không số nào in bằng dấu chấm thập phân
    assert (tmp_path / "flow-rnn-rho0.9-T30.png").stat().st_size > 1000


def test_adding_tiny_run_prints_table_and_saves_figure(capsys, tmp_path):
    code, out, err = run_main(
        capsys,
        "adding",
        "--cell",
        "gru",
        "rnn",
        "--seq-len",
        "5",
        "--seeds",
        "2",
        "--steps",
        "20",
        "--eval-every",
        "10",
        "--hidden-size",
        "8",
        "--out",
        str(tmp_path),
    )
    assert code == 0
    rows = [line for line in out.splitlines() if line.startswith(("gru ", "rnn "))]
    assert len(rows) == 4  # 2 loại ô × 2 seed
    assert all(line.split()[4] == "20" for line in rows)  # chạy đủ 20 bước
    assert "Mốc luôn đoán 1: MSE = 0,1667" in out
    assert (tmp_path / "adding-T5.png").is_file()
    assert "bước 20/20" in err  # tiến trình ra stderr


def test_clipping_tiny_run(capsys, tmp_path):
    code, out, err = run_main(capsys, "clipping", "--seeds", "1", "--steps", "40", "--out", str(tmp_path))
    assert code == 0
    assert (tmp_path / "clipping.png").stat().st_size > 1000
    assert "lần chạy 3/3" in err and "\r" not in err  # tiến trình: dòng riêng khi không ở terminal
    assert "không cắt: phân kỳ 1/1" in out
    assert "phân kỳ 0/1" in out


def test_cliff(capsys, tmp_path):
    code, out, _ = run_main(capsys, "cliff", "--steps", "3", "--out", str(tmp_path))
    assert code == 0 and "Điểm xuất phát trên tường" in out
    assert (tmp_path / "cliff.png").stat().st_size > 1000
    code, _, err = run_main(capsys, "cliff", "--w", "2")
    assert code == 2 and "Không có bức tường" in err


def test_python_dash_m_rnnlab():
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [sys.executable, "-m", "rnnlab", "flow", "--seq-len", "1"], capture_output=True, text=True, cwd=ROOT, env=env
    )
    assert proc.returncode == 2
    assert "rnnlab flow: lỗi: tham số --seq-len: cần một số ≥ 2, nhưng nhận được 1" in proc.stderr
