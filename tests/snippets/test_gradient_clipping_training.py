"""snippets/gradient/clipping_training.py (trang docs/gradient/giai-phap.md)."""

import pytest


@pytest.mark.slow  # snippet dài (huấn luyện): ngoài vòng lặp nhanh -m "not slow"
def test_clipping_training(run_snippet):
    r = run_snippet("snippets/gradient/clipping_training.py")
    v = r.values
    # trang: không cắt thì phân kì ở ít nhất 1/3 seed; có cắt (cả hai cách) thì không lần nào
    assert v["diverged_plain"] >= 1
    assert v["diverged_norm"] == 0 and v["diverged_value"] == 0
    assert v["max_loss_norm"] < v["loss_bound"] and v["max_loss_value"] < v["loss_bound"]
    assert v["max_norm_plain"] > 1e3
    # ngưỡng chọn từ số đo: trung vị các chuẩn trước khi phân kì, vài đơn vị
    assert 0.5 < v["threshold"] < 50
    assert 0 < v["value_threshold"] < v["threshold"]
    # cắt không làm gradient thô nhỏ đi: nó vẫn vọt lên, chỉ bước cập nhật bị giới hạn
    assert v["max_pre_clip_norm"] > v["threshold"]
    # có cắt: mất mát cuối quanh mốc 1/6 (RNN tanh không học được T = 50, nhưng ổn định)
    assert v["final_loss_norm"] < 1.0 and v["final_loss_value"] < 1.0
    assert len(r.figures) == 1
    assert "phân kỳ" in r.stdout
