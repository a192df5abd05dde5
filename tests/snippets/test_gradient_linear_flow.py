"""snippets/gradient/linear_flow.py (trang docs/gradient/minh-hoa.md, docs/gradient/bien-mat.md)."""


def test_linear_flow(run_snippet):
    r = run_snippet("snippets/gradient/linear_flow.py")
    v = r.values
    # trang: số đo bằng ρ^(T−t) tới 1e-9 (tương đối), float64; ở bước đầu (T − 1 = 49 bước lùi): ρ^49
    assert v["max_rel_error"] < 1e-9
    first = v["first_step"]
    assert set(first) == {"0.5", "0.9", "1.0", "1.1", "1.5"}
    for rho, value in first.items():
        assert abs(value / float(rho) ** 49 - 1) < 1e-9, rho
    assert len(r.figures) == 1
    assert "ρ" in r.titles[0]
    assert "Sai lệch tương đối lớn nhất" in r.stdout
