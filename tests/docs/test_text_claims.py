"""Những câu trên trang nói về một con số đo được (dấu ``rnnlab:value``) mà kiểm thử của snippet chưa khẳng định.

Mỗi hàm ghi trang và câu nó bảo vệ. Snippet chạy qua bộ nhớ đệm chung với ``tests/snippets`` và bản
dựng trang, nên không chạy lại lần nào.
"""

from __future__ import annotations

import re

from _text import DOCS


def _page(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def test_gru_also_vanishes_at_initialisation(run_snippet):
    # gradient/giai-phap.md: "lúc khởi tạo, gradient qua GRU cũng biến mất: chỉ ... về tới bước đầu"
    v = run_snippet("snippets/gradient/adding_long_gru.py").values
    assert v["init_ratio"] < 1e-3
    assert "adding_long_gru.py init_ratio" in _page("gradient/giai-phap.md")


def test_clipping_does_not_solve_the_long_adding_problem(run_snippet):
    # gradient/giai-phap.md: mất mát 50 bước cuối "cùng cỡ với mốc 1/6 và xa mức 0,01 của một lần chạy đã giải xong"
    v = run_snippet("snippets/gradient/clipping_training.py").values
    for key in ("final_loss_norm", "final_loss_value"):
        assert 1 / 6 / 3 < v[key] < 3 / 6, key
        assert v[key] > 5 * 0.01, key


def test_vanishing_with_sigma_max_above_one(run_snippet):
    # gradient/giai-phap.md (bảng): σ_max < 1 là điều kiện đủ, không cần: gradient vẫn biến mất với σ_max > 1
    v = run_snippet("snippets/gradient/jacobian_norms.py").values
    assert v["sigma_max"] > 1 > v["spectral_radius"]
    assert v["below_one_at"] > v["peak_at"]  # ‖W^k‖ về dưới 1 (và tiếp tục giảm: bán kính phổ < 1)


def test_default_init_shrinks_and_orthogonal_init_keeps_the_signal(run_snippet):
    # loai-rnn/vanilla-rnn.md: bán kính phổ lúc khởi tạo khoảng 1/√3 ≈ 0,58; W_hh trực giao giữ gradient lâu hơn nhiều
    v = run_snippet("snippets/loai_rnn/vanilla_rnn_stock.py").values
    assert 0.45 < v["radius_default"] < 0.7
    assert v["orthogonal_sensitivity_20"] > 100 * v["untrained_sensitivity_20"]
    assert v["orthogonal_sensitivity_20"] < 1  # vẫn nhỏ hơn ngày nhạy nhất: tanh vẫn thu nhỏ


def test_sentiment_counts_in_the_prose(run_snippet):
    # loai-rnn/gru.md: "Tập kiểm tra có ... câu", "quá khớp với ... câu huấn luyện"; 750 câu, đủ ba nhãn
    v = run_snippet("snippets/loai_rnn/gru_sentiment.py").values
    assert v["n_train"] + v["n_test"] == 750
    assert re.search(r"750 câu ngắn", _page("loai-rnn/gru.md"))
