"""rnnlab.datasets.segments: chuỗi "âm thanh" mà mỗi âm kéo dài nhiều khung."""

import pytest
import torch

from rnnlab.datasets.segments import make_segments


def test_runs_labels_and_determinism():
    data = make_segments(64, length=40, n_classes=5, min_run=2, max_run=6, noise=0.0, seed=3)
    assert data.x.shape == (40, 64, 8) and data.y.shape == (40, 64) and data.shift == 0
    assert torch.equal(data.y, data.sounds)  # nhãn là âm của chính khung đó
    # không nhiễu: đặc trưng đúng bằng vectơ mẫu của âm
    assert torch.allclose(data.x, data.prototypes[data.sounds])
    for n in range(64):
        s = data.sounds[:, n].tolist()
        changes = [t for t in range(1, 40) if s[t] != s[t - 1]]
        runs = [b - a for a, b in zip([0] + changes, changes + [40])]
        assert all(2 <= r <= 6 for r in runs[:-1]) and 1 <= runs[-1] <= 6  # đoạn cuối có thể bị cắt
    again = make_segments(64, length=40, n_classes=5, min_run=2, max_run=6, noise=0.0, seed=3)
    assert torch.equal(again.x, data.x) and torch.equal(again.y, data.y)


def test_test_set_shares_prototypes():
    train = make_segments(8, seed=0)
    test = make_segments(8, seed=1, prototypes=train.prototypes)
    assert torch.equal(test.prototypes, train.prototypes) and not torch.equal(test.x, train.x)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"min_run": 0}, "min_run phải là số nguyên ≥ 1"),
        ({"min_run": 4, "max_run": 3}, "Cần min_run ≤ max_run"),
        ({"noise": -1.0}, "noise phải ≥ 0"),
        ({"prototypes": torch.zeros(3, 8)}, "prototypes phải có kích thước"),
    ],
)
def test_errors_in_vietnamese(kwargs, message):
    with pytest.raises(ValueError, match=message):
        make_segments(4, **kwargs)
