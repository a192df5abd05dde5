"""rnnlab.experiments.cliff: mặt lỗi của mạng một nút, bức tường, bước có cắt và không cắt."""

import math

import pytest
import torch

from rnnlab.experiments import cliff


def test_error_matches_scalar_loop_and_grid():
    x = 0.5
    for _ in range(50):
        x = 5.0 * (1 / (1 + math.exp(-x))) - 2.0
    expected = (1 / (1 + math.exp(-x)) - 0.7) ** 2
    assert float(cliff.error(5.0, -2.0)) == pytest.approx(expected, rel=1e-12)
    W, B = torch.meshgrid(torch.linspace(3, 7, 5), torch.linspace(-5, -1, 4), indexing="xy")
    assert cliff.error(W, B).shape == (4, 5)


def test_gradient_matches_finite_differences_on_the_plain():
    g = cliff.gradient(5.0, -1.5)
    h = 1e-6
    dw = (float(cliff.error(5.0 + h, -1.5)) - float(cliff.error(5.0 - h, -1.5))) / (2 * h)
    db = (float(cliff.error(5.0, -1.5 + h)) - float(cliff.error(5.0, -1.5 - h))) / (2 * h)
    assert float(g[0]) == pytest.approx(dw, rel=1e-5) and float(g[1]) == pytest.approx(db, rel=1e-5)
    norms = cliff.gradient_norms(torch.tensor([5.0, 5.0]), torch.tensor([-1.5, -4.0]))
    assert float(norms[0]) == pytest.approx(float(g.norm()), rel=1e-10)


def test_wall_has_huge_gradient_and_clipping_bounds_the_step():
    start = cliff.wall_point(5.0, -1.0, -5.0)
    assert float(cliff.gradient(*start).norm()) > 100 * float(cliff.gradient(5.0, -1.5).norm())
    clipped = cliff.sgd_step(start, 0.5, clip_norm=1.0)
    unclipped = cliff.sgd_step(start, 0.5)
    assert math.dist(start, clipped) == pytest.approx(0.5, rel=1e-9)  # lr · τ
    assert math.dist(start, unclipped) > 100
    path = cliff.descend(start, 0.5, 5, clip_norm=1.0)
    assert len(path) == 6 and path[0] == start
    with pytest.raises(ValueError, match="Không có bức tường"):
        cliff.wall_point(5.0, -1.0, -1.0001)
