"""snippets/gradient/clip_vanishing.py (trang docs/gradient/giai-phap.md)."""


def test_clip_vanishing(run_snippet):
    r = run_snippet("snippets/gradient/clip_vanishing.py")
    v = r.values
    # các phần theo bước cộng lại đúng bằng gradient rnnlab tính
    assert v["sum_error"] < 1e-5
    # biến mất gradient: phần của bước đầu nhỏ hơn bước cuối hàng tỉ lần
    assert v["ratio_unclipped"] < 1e-6
    # trang: có cắt hay không, phần của bước đầu đều nhỏ như nhau (hoặc nhỏ hơn)
    assert v["first_clipped_10"] == v["first_unclipped"] and v["coef_10"] == 1.0
    assert v["first_clipped_1"] <= v["first_unclipped"] < 1e-6 * v["last_unclipped"]
    assert v["coef_1"] < 1.0
    assert abs(v["ratio_clipped_1"] / v["ratio_unclipped"] - 1) < 1e-4
    assert len(r.figures) == 1
