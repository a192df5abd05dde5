"""snippets/loai_rnn/sau_char_lm.py (trang docs/loai-rnn/sau.md). Các khoảng ở đây là những gì trang nêu."""

import math

import pytest


@pytest.mark.slow  # snippet dài (huấn luyện): ngoài vòng lặp nhanh -m "not slow"
def test_sau_char_lm(run_snippet):
    r = run_snippet("snippets/loai_rnn/sau_char_lm.py")
    v = r.values
    params = v["params"]
    # trang: ba mô hình có số tham số lệch nhau dưới 10 %
    assert set(params) == {"1", "2", "3"}
    assert v["param_spread"] < 0.10
    assert abs(max(params.values()) / min(params.values()) - 1 - v["param_spread"]) < 1e-9
    ppl = v["val_perplexity"]
    # trang: lúc đầu perplexity gần số ký tự khác nhau (đoán đều), sau huấn luyện còn dưới 12
    for depth, curve in v["curves"].items():
        assert 80 < math.exp(curve[0]) < 150
        assert ppl[depth] < 12
    # trang: ở đây, với cùng số bước, thêm tầng làm perplexity kiểm định tệ đi: 1 tầng < 2 tầng < 3 tầng
    assert 5 < ppl["1"] < ppl["2"] < ppl["3"]
    assert ppl["1"] < 8.5  # trang: "perplexity khoảng 7" cho mô hình tốt nhất
    assert v["best_depth"] == 1
    # trang: một tầng thắng rõ ba tầng; ở giữa quá trình huấn luyện, mô hình sâu hơn còn đi sau
    assert ppl["3"] > 1.2 * ppl["1"]
    mid = {d: c[len(c) // 2] for d, c in v["curves"].items()}
    assert mid["1"] < mid["2"] < mid["3"]
    # trang: số ký tự khác nhau, số ký tự huấn luyện (khoảng 13 nghìn)
    assert v["n_chars"] == 113
    assert 12_000 <= v["n_train_chars"] <= 14_000
    # trang: tỉ lệ âm tiết có thật trong văn bản sinh ra đi cùng chiều với perplexity (1 tầng > 3 tầng)
    share = v["real_syllable_share"]
    assert share["1"] > share["3"]
    # văn bản sinh ra được in cho từng mô hình
    assert r.stdout.count("Văn bản sinh ra (100 ký tự đầu): 'Buổi sáng ") == 3
    assert len(r.figures) == 1 and "Perplexity" in r.titles[0]
