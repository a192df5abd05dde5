"""rnnlab.experiments.exploding: thiết lập nổ gradient, tiêu chí phân kì, chọn ngưỡng cắt."""

import math

import pytest
import torch

from rnnlab.experiments import exploding

pytestmark = pytest.mark.usefixtures("one_thread")


def test_model_scale():
    m = exploding.make_model(0)
    s = torch.linalg.svdvals(m.rnn.weight_hh_l0.detach())
    assert torch.allclose(s, torch.full_like(s, exploding.SCALE), atol=1e-5)


def test_unclipped_diverges_and_clipped_does_not():
    plain = exploding.run(0, steps=60)
    assert plain.diverged and plain.diverged_at <= 60
    assert max(plain.loss[: plain.diverged_at]) > exploding.LOSS_BOUND or plain.nonfinite_at is not None
    tau = exploding.pick_threshold(exploding.observed_norms([plain]))
    assert 0.1 < tau < 100
    clipped = exploding.run(0, steps=60, clip_norm=tau)
    assert not clipped.diverged and len(clipped.loss) == 60
    assert max(clipped.loss) < exploding.LOSS_BOUND
    # rnnlab.train ghi chuẩn TRƯỚC khi cắt: vẫn thấy gradient vượt ngưỡng
    assert max(clipped.grad_norm) > tau


def test_observed_norms_stop_before_divergence():
    r = exploding.ExplodingRun(0, "không cắt", [0.1, 0.2, 20.0, math.nan], [1.0, 2.0, 1e9, math.inf], 3, "mất mát > 10")
    assert exploding.observed_norms([r]) == [1.0, 2.0]
    assert exploding.pick_threshold([1.0, 3.0, 100.0]) == 3.0
    with pytest.raises(ValueError, match="Cần ít nhất một chuẩn"):
        exploding.pick_threshold([])


def test_value_threshold_bounds_the_norm():
    m = exploding.make_model(0)
    P = sum(p.numel() for p in m.parameters())
    assert exploding.value_threshold(2.0, m) == pytest.approx(2.0 / math.sqrt(P))


def test_clip_cosines():
    c = exploding.clip_cosines(0, n_batches=2)
    assert all(v == pytest.approx(1.0, abs=1e-5) for v in c["norm"])
    assert all(0 < v < 0.999 for v in c["value"])  # cắt theo giá trị đổi hướng
    assert all(n > 1.0 for n in c["grad_norm"])  # ngưỡng 1 thật sự cắt
