"""rnnlab.experiments.adding: dữ liệu bài toán cộng, mô hình, và vòng huấn luyện (bản rất nhỏ)."""

import pytest
import torch

from rnnlab.experiments import adding

pytestmark = pytest.mark.usefixtures("one_thread")


def test_batch_shapes_markers_and_target():
    x, y = adding.adding_batch(64, 20, torch.Generator().manual_seed(0))
    assert x.shape == (20, 64, 2) and y.shape == (64,)
    marks = x[..., 1]
    assert torch.equal(marks.sum(0), torch.full((64,), 2.0))  # đúng hai dấu mỗi chuỗi
    assert torch.equal(marks[:10].sum(0), torch.ones(64))  # một dấu ở nửa đầu
    assert torch.equal(marks[10:].sum(0), torch.ones(64))  # một dấu ở nửa sau
    assert torch.allclose(y, (x[..., 0] * marks).sum(0))
    assert ((x[..., 0] >= 0) & (x[..., 0] < 1)).all()
    x2, y2 = adding.adding_batch(64, 20, torch.Generator().manual_seed(0))
    assert torch.equal(x, x2) and torch.equal(y, y2)
    with pytest.raises(ValueError, match="seq_len phải ≥ 2"):
        adding.adding_batch(4, 1)


def test_baseline_is_one_sixth():
    _, y = adding.adding_batch(200_000, 4, torch.Generator().manual_seed(1))
    assert float(((y - 1.0) ** 2).mean()) == pytest.approx(adding.BASELINE_MSE, abs=3e-3)


def test_model_forget_bias_and_errors():
    m = adding.AddingModel("lstm", hidden_size=4, forget_bias=1.0, seed=0)
    ref = adding.AddingModel("lstm", hidden_size=4, forget_bias=0.0, seed=0)
    diff = (m.rnn.bias_hh_l0 - ref.rnn.bias_hh_l0).detach()
    assert (
        torch.allclose(diff[4:8], torch.ones(4))
        and float(diff[:4].abs().max()) == 0
        and float(diff[8:].abs().max()) == 0
    )
    x, _ = adding.adding_batch(3, 6)
    assert m(x).shape == (3,)
    with pytest.raises(ValueError, match="cell phải là một trong"):
        adding.AddingModel("cnn")


def test_train_adding_tiny_run_records_curves():
    r = adding.train_adding(
        "gru", seq_len=6, seed=0, hidden_size=8, steps=40, eval_every=20, eval_size=50, probe_size=8, stop_below=None
    )
    assert r.eval_steps == [0, 20, 40] and len(r.test_mse) == 3 and len(r.flows) == 3
    assert all(f.shape == (6,) for f in r.flows)
    assert len(r.history.loss) == 40 and len(r.history.grad_norm) == 40
    assert r.steps == 40 and r.final_mse == r.test_mse[-1] and r.best_mse == min(r.test_mse)
    again = adding.train_adding(
        "gru", seq_len=6, seed=0, hidden_size=8, steps=40, eval_every=20, eval_size=50, probe_size=8, stop_below=None
    )
    assert again.test_mse == r.test_mse  # xác định theo hạt giống


def test_train_adding_stops_early_and_clips():
    # ngưỡng dừng cao: dừng ngay sau lần đánh giá đầu tiên có MSE dưới nó
    r = adding.train_adding(
        "rnn", seq_len=4, seed=0, hidden_size=4, steps=200, eval_every=10, eval_size=20, probe_size=4, stop_below=10.0
    )
    assert r.steps == 0 and r.eval_steps == [0]
    c = adding.train_adding(
        "rnn",
        seq_len=4,
        seed=0,
        hidden_size=4,
        steps=10,
        eval_every=10,
        eval_size=20,
        probe_size=4,
        stop_below=None,
        clip_norm=1e-3,
    )
    assert len(c.history.grad_norm) == 10


def test_model_seed_does_not_touch_the_global_generator():
    draws = []
    for seed in (0, 7):
        torch.manual_seed(123)
        adding.AddingModel("gru", 4, seed=seed)
        draws.append(torch.rand(3))
    assert torch.equal(draws[0], draws[1])  # hàm tạo không gieo lại hạt giống chung theo seed
    a, b = adding.AddingModel("gru", 4, seed=5), adding.AddingModel("gru", 4, seed=5)
    assert all(torch.equal(x, y) for x, y in zip(a.state_dict().values(), b.state_dict().values()))
