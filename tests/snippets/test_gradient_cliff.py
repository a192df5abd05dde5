"""snippets/gradient/cliff.py (trang docs/gradient/no.md)."""


def test_cliff(run_snippet):
    r = run_snippet("snippets/gradient/cliff.py")
    v = r.values
    # trên tường gradient lớn hơn đồng bằng hàng chục nghìn lần
    assert v["grad_norm_wall"] > 1e3 and v["grad_norm_plain"] < 0.1
    assert v["grad_norm_wall"] > 1e4 * v["grad_norm_plain"]
    # bước không cắt văng đi hàng trăm, hàng nghìn đơn vị và kẹt lại trên một cao nguyên phẳng
    assert v["step_unclipped"] > 100
    assert v["grad_norm_after_unclipped"] < 1e-6
    assert abs(v["error_unclipped"] - 0.09) < 1e-3  # σ(x_50) = 1: (1 − 0,7)²
    # bước đã cắt dài đúng lr·τ, và sau 30 bước mất mát thấp hơn hẳn
    assert abs(v["step_clipped"] - v["LR"] * v["THRESHOLD"]) < 1e-9
    assert v["error_clipped"] < 0.05 < v["error_start"]
    assert v["error_clipped"] < v["error_unclipped"]
    assert len(r.figures) == 1
