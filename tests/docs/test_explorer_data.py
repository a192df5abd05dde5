"""Dữ liệu của trình khám phá dòng gradient (hooks/explorer.py, trang docs/gradient/minh-hoa.md).

Số trình duyệt vẽ phải là số của rnnlab: so dữ liệu đã mã hoá với ``flow_curve`` tới 3 chữ số có nghĩa,
với ρ^(T−t) cho RNN tuyến tính, với các hình tĩnh của trang; dữ liệu hỏng hay thiếu làm bản dựng dừng.
"""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hooks import explorer

ROOT = Path(__file__).resolve().parents[2]
SIG3 = 5e-4  # 3 chữ số có nghĩa: sai lệch tương đối ≤ nửa đơn vị ở chữ số thứ ba (≥ 0,5/999)


@pytest.fixture(scope="module")
def data():
    """Dữ liệu lưới như bản dựng dùng (bộ nhớ đệm chung với bản dựng; tính lần đầu mất vài giây)."""
    return {"unit": explorer.UNIT, "rhos": explorer.RHOS, "lengths": explorer.LENGTHS, "grid": explorer.cached_grid()}


def rel_errors(got, want):
    return [abs(g - w) / abs(w) for g, w in zip(got, want, strict=True)]


@pytest.mark.parametrize(
    ("cell", "rho", "T"),
    [
        ("linear", 0.9, 50),
        ("tanh", 1.5, 50),
        ("tanh", 0.5, 200),
        ("lstm", 1.0, 100),
        ("gru", 1.25, 20),
        ("gru", 0.5, 10),
    ],
)
def test_grid_equals_rnnlab_to_3_significant_digits(data, cell, rho, T, one_thread):
    from rnnlab.experiments.flow import flow_curve

    _, kind, nonlinearity, hidden, batch = explorer.CELLS[cell]
    want = [float(v) for v in flow_curve(kind, rho, T, hidden, nonlinearity, batch_size=batch, seed=0)["measured"]]
    got = explorer.decode(data, cell, rho, T)
    assert max(rel_errors(got, want)) < SIG3
    # ‖∂L/∂h_T‖ = 1 (mất mát chọn như vậy): đường bắt đầu từ 1 ở bước cuối
    assert got[-1] == 1.0
    # và các đường khác nhau thật: sai ô thì không khớp
    other = explorer.decode(data, "linear" if cell != "linear" else "tanh", rho, T)
    assert max(rel_errors(other, want)) > 1e-2


def test_same_numbers_as_the_static_figures(data, run_snippet):
    """Các hình tĩnh của trang (linear_flow.py, tanh_flow.py) đo đúng những đường này."""
    linear = run_snippet("snippets/gradient/linear_flow.py").values
    for rho in (0.9, 0.5, 1.5):
        assert abs(explorer.decode(data, "linear", rho, 50)[0] / linear["first_step"][str(rho)] - 1) < SIG3
    tanh = run_snippet("snippets/gradient/tanh_flow.py").values
    assert abs(explorer.decode(data, "tanh", 0.5, 50)[0] / tanh["first_step"]["0.5"] - 1) < SIG3
    assert abs(explorer.decode(data, "tanh", 1.5, 50)[0] / tanh["first_step"]["1.5"] - 1) < SIG3


def test_linear_rnn_data_is_rho_to_the_T_minus_t(data):
    for rho in explorer.RHOS:
        for T in explorer.LENGTHS:
            got = explorer.decode(data, "linear", rho, T)
            theory = [rho ** (T - t) for t in range(1, T + 1)]
            assert max(rel_errors(got, theory)) < SIG3, (rho, T)


def test_grid_covers_the_promised_settings(data):
    assert explorer.RHOS[0] == 0.5 and explorer.RHOS[-1] == 1.5 and len(explorer.RHOS) == 21
    assert all(abs(b - a - 0.05) < 1e-9 for a, b in zip(explorer.RHOS, explorer.RHOS[1:]))
    assert explorer.LENGTHS[0] == 10 and explorer.LENGTHS[-1] == 200
    explorer.check_grid(data["grid"])
    # nổ và biến mất đều có trong lưới: ρ = 1,5 với RNN tuyến tính, T = 200 cho 1,5^199 ≈ 10^35
    assert explorer.decode(data, "linear", 1.5, 200)[0] > 1e34
    assert explorer.decode(data, "linear", 0.5, 200)[0] < 1e-59


def test_encoding_round_trip():
    values = [3.0e-40, 2.7e-5, 0.5, 1.0, 7.0e12]
    q = explorer.quantise(values)
    back = [10 ** (v * explorer.UNIT) for v in explorer.delta_decode(explorer.delta_encode(q))]
    assert max(rel_errors(back, values)) < 1.2e-4
    assert explorer.quantise([0.0, float("nan"), float("inf"), -1.0]) == [None] * 4
    text = explorer.to_js({"version": 1, "x": [1, None]})
    assert text.startswith("// ") and "window.RNNLAB_FLOW = " in text
    assert explorer.from_js(text) == {"version": 1, "x": [1, None]}


def test_adding_curves_checks_its_input():
    with pytest.raises(explorer.DataError, match="không có biến flow_seed0"):
        explorer.adding_curves({})
    bad = {"flow_seed0": {"lstm_10": {"init": [1.0] * 9, "trained": [1.0] * 10, "steps": 5}}}
    with pytest.raises(explorer.DataError, match="phải có 10 chuẩn"):
        explorer.adding_curves(bad)
    good = {"flow_seed0": {"lstm_10": {"init": [2.0] * 10, "trained": [0.0] * 9 + [4.0], "steps": 5}}}
    curves = explorer.adding_curves(good)["lstm"]["10"]
    assert curves["init"] == [0] * 10  # chia cho giá trị ở bước cuối: 2/2 = 1, log10 1 = 0
    assert curves["trained"][:9] == [None] * 9 and curves["trained"][9] == 0  # chuẩn 0 → None
    assert curves["steps"] == 5


@pytest.mark.slow
def test_adding_problem_curves_are_the_snippets(run_snippet):
    """Đường "bài toán cộng" là đúng các đường các snippet adding_short.py, adding_long_*.py đo."""
    values = {path: run_snippet(path).values for path in explorer.ADDING_SNIPPETS}
    merged = {k: c for v in values.values() for k, c in v["flow_seed0"].items()}
    data = {"unit": explorer.UNIT, "adding": explorer.adding_curves({"flow_seed0": merged})}
    assert set(data["adding"]) == {"tanh", "lstm", "gru"}
    for key, cell in explorer.ADDING_CELLS.items():
        for when, k in (("init", "init"), ("trained", "trained")):
            raw = merged[f"{cell}_50"][k]
            got = explorer.decode_adding(data, key, 50, when)
            want = [r / raw[-1] for r in raw]
            assert all((g is None and w == 0) or abs(g / w - 1) < SIG3 for g, w in zip(got, want, strict=True)), (
                key,
                when,
            )
        # tỉ số ở bước 1 là con số trong bảng của trang minh hoạ
        v = values[f"snippets/gradient/adding_long_{cell}.py"]
        assert abs(explorer.decode_adding(data, key, 50, "init")[0] / v["init_ratio"] - 1) < SIG3
        assert abs(explorer.decode_adding(data, key, 50, "trained")[0] / v["trained_ratio"] - 1) < SIG3


# --- dữ liệu thiếu hay hỏng: bản dựng dừng với thông báo rõ ràng -------------------------------------


def mini_site(tmp_path: Path, with_code: bool = True) -> Path:
    """Trang nhỏ nhất có trình khám phá: chỉ hook explorer.py, không snippet nào."""
    docs = tmp_path / "docs"
    (docs / "javascripts").mkdir(parents=True)
    (docs / "stylesheets").mkdir()
    (docs / "index.md").write_text(f"# Thử\n\n{explorer.PLACEHOLDER}\n", encoding="utf-8")
    if with_code:
        shutil.copy(ROOT / "docs" / explorer.CODE_URI, docs / explorer.CODE_URI)
    shutil.copy(ROOT / "docs" / explorer.STYLE_URI, docs / explorer.STYLE_URI)
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: thu\nhooks:\n  - {ROOT / 'hooks' / 'explorer.py'}\n", encoding="utf-8")
    return config


def mkdocs(config: Path, cache: Path) -> subprocess.CompletedProcess:
    env = {"RNNLAB_CACHE_DIR": str(cache), "NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(config.parent / "site")],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=ROOT,
    )


def test_corrupt_data_file_fails_the_build(tmp_path):
    cache = tmp_path / "cache"
    (cache / "explorer").mkdir(parents=True)
    corrupt = cache / "explorer" / f"grid-{explorer.grid_key()}.json"
    corrupt.write_text('{"linear": [[1, 2', encoding="utf-8")
    proc = mkdocs(mini_site(tmp_path), cache)
    assert proc.returncode != 0
    assert "dữ liệu của trình khám phá" in proc.stderr and "bị hỏng" in proc.stderr
    assert str(corrupt) in proc.stderr and "Xoá nó" in proc.stderr
    # đúng hình dạng JSON nhưng sai nội dung (thiếu một ô) cũng là hỏng
    corrupt.write_text('{"linear": [], "tanh": [], "lstm": [], "gru": []}', encoding="utf-8")
    proc = mkdocs(mini_site(tmp_path / "b"), cache)
    assert proc.returncode != 0 and "bị hỏng" in proc.stderr and "cần 21 giá trị ρ" in proc.stderr


def test_missing_drawing_code_fails_the_build(tmp_path):
    proc = mkdocs(mini_site(tmp_path, with_code=False), tmp_path / "cache")
    assert proc.returncode != 0
    assert f"thiếu tệp docs/{explorer.CODE_URI}" in proc.stderr
    assert not (tmp_path / "cache" / "explorer").exists()  # dừng trước khi tính gì


# --- trang đã dựng --------------------------------------------------------------------------------


@pytest.mark.slow
def test_built_page_has_explorer_and_static_figures(built_site):
    page = (built_site.site / "gradient" / "minh-hoa" / "index.html").read_text(encoding="utf-8")
    assert 'id="trinh-kham-pha"' in page and "<noscript>" in page and 'aria-live="polite"' in page
    # hooks/after_paint.py: thẻ <script src> thành danh sách tệp tải sau lần vẽ đầu tiên, sau mã của Material
    assert '.min.js", "../../javascripts/explorer.js"])</script>' in page
    assert "explorer-data.js" not in page  # dữ liệu do explorer.js tải khi khung sắp hiện ra
    assert explorer.DATA_URI.rsplit("/", 1)[1] in (ROOT / "docs" / explorer.CODE_URI).read_text(encoding="utf-8")
    assert page.count("rnnlab-hinh") >= 2  # các hình tĩnh vẫn ở đó cho người đọc không có JavaScript
    # chỉ trang này tải trình khám phá
    other = (built_site.site / "gradient" / "bien-mat" / "index.html").read_text(encoding="utf-8")
    assert "explorer" not in other
    data_js = (built_site.site / explorer.DATA_URI).read_text(encoding="utf-8")
    data = explorer.from_js(data_js)
    assert data["grid"] == explorer.cached_grid()
    assert data["rhos"] == explorer.RHOS and set(data["adding"]) == {"tanh", "lstm", "gru"}


@pytest.mark.slow
def test_explorer_weight_under_150_kb_gzipped(built_site):
    files = [explorer.DATA_URI, explorer.CODE_URI, explorer.STYLE_URI]
    gz = {uri: len(gzip.compress((built_site.site / uri).read_bytes(), 9)) for uri in files}
    total = sum(gz.values())
    print("trình khám phá, byte sau gzip:", gz, "tổng", total)
    assert total <= 150_000
    assert gz[explorer.DATA_URI] > 10_000  # có dữ liệu thật (lưới 4 × 21 × 5 đường)
