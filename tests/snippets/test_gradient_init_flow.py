"""snippets/gradient/init_flow.py (trang docs/gradient/giai-phap.md): khởi tạo trực giao và IRNN."""


def test_init_flow(run_snippet):
    r = run_snippet("snippets/gradient/init_flow.py")
    f = r.values["first_step"]
    assert r.values["T"] == 100 and r.values["SEEDS"] == [0, 1, 2]
    # trang: sau 99 bước lùi, mặc định còn dưới 1e-15; trực giao giữ nhiều hơn ít nhất 1e10 lần nhưng vẫn
    # dưới 1e-2; IRNN giữ trên 1e-2
    assert 0 < f["default"] < 1e-15
    assert f["orthogonal"] > 1e10 * f["default"] and f["orthogonal"] < 1e-2
    assert f["irnn"] > 1e-2
    assert len(r.figures) == 1 and "khởi tạo" in r.titles[0]
