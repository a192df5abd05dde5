"""snippets/gradient/jacobian_norms.py (trang docs/gradient/bien-mat.md)."""


def test_jacobian_norms(run_snippet):
    r = run_snippet("snippets/gradient/jacobian_norms.py")
    v = r.values
    assert abs(v["spectral_radius"] - 0.9) < 1e-9
    # bán kính phổ 0,9 nhưng giá trị kỳ dị lớn nhất lớn hơn 1: ‖W^k‖ lớn lên vài bước rồi mới giảm
    assert 1.3 < v["sigma_max"] < 2.0
    assert v["peak_gauss"] > 1.2 and 1 <= v["peak_at"] <= 5
    assert v["peak_at"] < v["below_one_at"] <= 15
    assert v["powers_gauss"][-1] < 0.05 and v["powers_orth"][-1] < 1e-2
    # ma trận Jacobi của RNN tanh không vượt σ_max(W)
    assert v["tanh_below_sigma"] is True and v["step_max"] <= v["sigma_max"]
    assert len(r.figures) == 1
