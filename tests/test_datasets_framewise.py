"""Kiểm thử rnnlab.datasets.framewise: chuỗi "âm thanh" tổng hợp, nhãn là âm của khung đến sau."""

import pytest
import torch

from rnnlab.datasets.framewise import IGNORE, make_framewise


def test_shapes_types_and_label_range():
    d = make_framewise(n_sequences=16, length=20, n_classes=4, n_features=6, shift=3, seed=0)
    assert d.x.shape == (20, 16, 6) and d.x.dtype == torch.float32
    assert d.y.shape == (20, 16) and d.y.dtype == torch.int64
    assert d.sounds.shape == (20, 16) and d.prototypes.shape == (4, 6)
    assert d.n_classes == 4
    assert bool(((d.sounds >= 0) & (d.sounds < 4)).all())
    labelled = d.y[:17]
    assert bool(((labelled >= 0) & (labelled < 4)).all())
    assert bool((d.y[17:] == IGNORE).all())


def test_label_is_the_sound_shift_frames_later():
    d = make_framewise(n_sequences=8, length=12, shift=2, seed=5)
    assert torch.equal(d.y[:10], d.sounds[2:])
    d0 = make_framewise(n_sequences=8, length=12, shift=0, seed=5)
    assert torch.equal(d0.y, d0.sounds)


def test_features_are_prototype_plus_noise():
    d = make_framewise(n_sequences=64, length=30, noise=0.0, seed=1)
    assert torch.equal(d.x, d.prototypes[d.sounds])
    noisy = make_framewise(n_sequences=256, length=30, noise=0.3, seed=1)
    residual = noisy.x - noisy.prototypes[noisy.sounds]
    assert abs(residual.std().item() - 0.3) < 0.01


def test_deterministic_and_shared_prototypes():
    a, b = make_framewise(32, seed=0), make_framewise(32, seed=0)
    assert torch.equal(a.x, b.x) and torch.equal(a.y, b.y)
    test = make_framewise(32, seed=1, prototypes=a.prototypes)
    assert torch.equal(test.prototypes, a.prototypes)
    assert not torch.equal(test.sounds, a.sounds)


def test_classes_are_roughly_balanced():
    d = make_framewise(n_sequences=512, length=30, n_classes=5, seed=0)
    counts = torch.bincount(d.sounds.flatten(), minlength=5).float() / d.sounds.numel()
    assert bool(((counts - 0.2).abs() < 0.02).all())


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"shift": 30}, "shift"),
        ({"n_classes": 1}, "n_classes"),
        ({"noise": -1.0}, "noise"),
        ({"prototypes": torch.zeros(3, 8)}, "prototypes"),
    ],
)
def test_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        make_framewise(8, **kwargs)
