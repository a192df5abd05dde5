"""Kiểm thử rnnlab.datasets.stocks: giá mô phỏng (GBM), đọc CSV của người dùng, cửa sổ trượt."""

import math

import pytest
import torch

from rnnlab.datasets import stocks


def test_simulated_prices_shape_positive_deterministic():
    p = stocks.simulate_prices(500, s0=50.0, seed=3)
    assert p.shape == (500,) and p.dtype == torch.float64
    assert p[0].item() == 50.0
    assert bool((p > 0).all())
    assert torch.equal(p, stocks.simulate_prices(500, s0=50.0, seed=3))
    assert not torch.equal(p, stocks.simulate_prices(500, s0=50.0, seed=4))


def test_simulated_log_returns_have_the_requested_statistics():
    mu, sigma = 0.001, 0.02
    r = stocks.log_returns(stocks.simulate_prices(20_000, mu=mu, sigma=sigma, seed=0))
    assert r.shape == (19_999,)
    assert abs(r.std().item() - sigma) < 0.05 * sigma
    assert abs(r.mean().item() - (mu - sigma**2 / 2)) < 4 * sigma / math.sqrt(len(r))
    # GBM: lợi suất hôm nay không nói gì về lợi suất ngày mai (tự tương quan ≈ 0)
    autocorr = torch.corrcoef(torch.stack([r[:-1], r[1:]]))[0, 1].item()
    assert abs(autocorr) < 0.03


def test_make_windows_aligns_inputs_and_next_value():
    s = torch.arange(10.0)
    X, y = stocks.make_windows(s, 3)
    assert X.shape == (7, 3) and y.shape == (7,)
    assert X[0].tolist() == [0, 1, 2] and y[0].item() == 3
    assert X[-1].tolist() == [6, 7, 8] and y[-1].item() == 9
    with pytest.raises(ValueError, match="window"):
        stocks.make_windows(s, 10)


def _write(tmp_path, text, name="gia.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_csv_finds_close_column(tmp_path):
    rows = "\n".join(f"2024-01-{d:02d},{100 + d},{101.5 + d}" for d in range(1, 41))
    path = _write(tmp_path, "Date,Open,Close\n" + rows + "\n")
    p = stocks.load_prices_csv(path)
    assert p.shape == (40,) and p.dtype == torch.float64
    assert p[0].item() == 102.5 and p[-1].item() == 141.5


def test_load_csv_semicolon_decimal_comma_and_named_column(tmp_path):
    rows = "\n".join(f"{d};{1000 + d},5" for d in range(35))
    path = _write(tmp_path, "ngày;giá\n" + rows)
    p = stocks.load_prices_csv(path)
    assert p[0].item() == 1000.5
    assert torch.equal(stocks.load_prices_csv(path, column="GIÁ"), p)


def test_load_csv_single_column_without_known_name(tmp_path):
    path = _write(tmp_path, "vnindex\n" + "\n".join(str(1200 + k) for k in range(30)))
    assert stocks.load_prices_csv(path).shape == (30,)


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "rỗng"),
        ("Date,Open\n2024-01-01,3\n", "Không biết cột nào"),
        (
            "Date,Close\n" + "\n".join(f"d{k},{k + 1}" for k in range(40)).replace("d5,6", "d5,abc"),
            "Dòng 7.*'abc'.*không phải là một số",
        ),
        ("Date,Close\n" + "\n".join(f"d{k},{k}" for k in range(40)), "Dòng 2.*số dương"),
        ("Date,Close\n" + "\n".join(f"d{k},{k + 1}" for k in range(40)).replace("d3,4", "d3,"), "Dòng 5.*không có giá"),
        ("Date,Close\n1,2\n3,4\n", "chỉ có 2 dòng giá"),
    ],
)
def test_load_csv_bad_files_give_clear_vietnamese_errors(tmp_path, text, message):
    with pytest.raises(ValueError, match=message):
        stocks.load_prices_csv(_write(tmp_path, text))


def test_load_csv_missing_file_and_missing_column(tmp_path):
    with pytest.raises(FileNotFoundError, match="Không tìm thấy tệp giá"):
        stocks.load_prices_csv(tmp_path / "khong-co.csv")
    path = _write(tmp_path, "Date,Close\n" + "\n".join(f"d{k},{k + 1}" for k in range(40)))
    with pytest.raises(ValueError, match="không có cột 'Volume'.*Date, Close"):
        stocks.load_prices_csv(path, column="Volume")


def test_load_csv_vietnamese_thousands_separator(tmp_path):
    path = _write(tmp_path, "ngày,giá\n" + "\n".join(f'2024-01-{d:02d},"25.{d:03d}"' for d in range(1, 31)))
    assert stocks.load_prices_csv(path)[0].item() == 25.001  # đoán: dấu chấm là dấu thập phân
    assert stocks.load_prices_csv(path, decimal=",")[0].item() == 25_001  # "25.001" đồng
    with pytest.raises(ValueError, match="decimal"):
        stocks.load_prices_csv(path, decimal=";")


def test_memory_option_plants_a_lagged_dependency():
    r = stocks.log_returns(stocks.simulate_prices(20_000, memory=0.6, memory_lag=3, seed=0))
    corr = lambda lag: torch.corrcoef(torch.stack([r[:-lag], r[lag:]]))[0, 1].item()  # noqa: E731
    assert abs(corr(3) - 0.6) < 0.03  # AR: tương quan ở độ trễ 3 đúng bằng memory
    assert abs(corr(1)) < 0.03 and abs(corr(2)) < 0.03
    assert torch.equal(stocks.simulate_prices(100, seed=2), stocks.simulate_prices(100, seed=2, memory=0.0))
    with pytest.raises(ValueError, match="memory"):
        stocks.simulate_prices(100, memory=1.0)
