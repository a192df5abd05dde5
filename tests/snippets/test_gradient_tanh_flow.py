"""snippets/gradient/tanh_flow.py (trang docs/gradient/minh-hoa.md)."""


def test_tanh_flow(run_snippet):
    r = run_snippet("snippets/gradient/tanh_flow.py")
    v = r.values
    # tanh không bao giờ làm gradient lớn hơn RNN tuyến tính cùng W_hh
    assert v["below_bound"] is True
    g = v["growth"]
    # dưới 1: biến mất (s = 0,5 gần như đúng 0,5 mỗi bước, vì trạng thái nhỏ nên tanh gần tuyến tính)
    assert 0.45 < g["0.5"] <= 0.5 + 1e-9
    assert g["0.9"] < 0.9 and g["1.0"] < 1.0  # với tanh, cả s = 1 cũng biến mất
    assert v["first_step"]["0.5"] < 1e-12
    # trên 1: nổ, nhưng chậm hơn hẳn s mỗi bước (tanh bão hoà)
    assert 1.0 < g["1.5"] < 1.3 and 1.0 < g["3.0"] < 2.0
    assert v["first_step"]["3.0"] > 1e3
    assert 0.1 < v["saturation_30"] < 0.6
    assert len(r.figures) == 1
