"""snippets/gradient/clip_direction.py (trang docs/gradient/giai-phap.md)."""


def test_clip_direction(run_snippet):
    r = run_snippet("snippets/gradient/clip_direction.py")
    v = r.values
    assert v["angle_norm"] < 0.1  # cắt theo chuẩn giữ hướng
    assert 15 < v["angle_value"] < 25  # (3; 0,6) → (1; 0,6): lệch khoảng 20°
    assert v["cos_norm_min"] > 0.99999
    assert 0.3 < v["cos_value_min"] <= v["cos_value_mean"] < 0.97
    assert len(r.figures) == 1
