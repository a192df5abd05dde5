"""snippets/gradient/linear_flow.py (trang docs/gradient/minh-hoa.md, docs/gradient/bien-mat.md)."""


def test_linear_flow(run_snippet):
    r = run_snippet("snippets/gradient/linear_flow.py")
    v = r.values
    assert v["T"] == 50 and v["RHOS"] == [0.5, 0.9, 1.0, 1.1, 1.5]
    # trang: số đo bằng ρ^(T−t) tới 1e-9 (tương đối), float64
    assert 0 <= v["max_rel_error"] < 1e-9
    assert abs(v["first_step_09"] / 0.9**49 - 1) < 1e-9
    assert abs(v["first_step_05"] / 0.5**49 - 1) < 1e-9
    assert abs(v["first_step_11"] / 1.1**49 - 1) < 1e-9
    assert abs(v["first_step_15"] / 1.5**49 - 1) < 1e-9
    assert abs(v["first_step"]["1.0"] - 1) < 1e-9
    assert len(r.figures) == 1
    assert "ρ" in r.titles[0]
    assert "Sai lệch tương đối lớn nhất" in r.stdout
