"""rnnlab.train: vòng huấn luyện nhỏ (cắt gradient, nhật kí chuẩn gradient, thanh tiến trình, lỗi
TrainingDiverged tiếng Việt)."""

import io

import pytest
import torch

from rnnlab.train import History, TrainingDiverged, train


class Recorder(torch.optim.SGD):
    """SGD ghi lại gradient đúng lúc cập nhật (tức là SAU khi train đã cắt)."""

    def __init__(self, params, lr):
        super().__init__(params, lr=lr)
        self.seen = []

    def step(self, closure=None):
        self.seen.append(torch.cat([p.grad.flatten().clone() for g in self.param_groups for p in g["params"]]))
        return super().step(closure)


def regression(n_batches=4, seed=0):
    g = torch.Generator().manual_seed(seed)
    w_true = torch.tensor([2.0, -3.0])
    batches = []
    for _ in range(n_batches):
        x = torch.randn(16, 2, generator=g)
        batches.append((x, x @ w_true + 0.5))
    return batches


def mse(model, batch):
    x, y = batch
    return ((model(x).squeeze(-1) - y) ** 2).mean()


def sgd_train(model, epochs, lr=0.01, **kw):
    return train(model, mse, regression(), optimizer=torch.optim.SGD(model.parameters(), lr=lr), epochs=epochs, **kw)


def test_loss_goes_down_and_history_has_one_entry_per_step():
    torch.manual_seed(0)
    model = torch.nn.Linear(2, 1)
    h = train(
        model, mse, regression(), optimizer=torch.optim.SGD(model.parameters(), lr=0.1), epochs=30, progress=False
    )
    assert isinstance(h, History)
    assert len(h.loss) == len(h.grad_norm) == 30 * 4 and len(h.epoch_loss) == 30
    assert h.epoch_loss[-1] < 0.01 * h.epoch_loss[0]
    assert h.epoch_loss[0] == pytest.approx(sum(h.loss[:4]) / 4)
    assert torch.allclose(model.weight.detach(), torch.tensor([[2.0, -3.0]]), atol=0.05)


def test_clip_norm_bounds_the_update_and_logs_the_norm_before_clipping():
    torch.manual_seed(0)
    model = torch.nn.Linear(2, 1)
    opt = Recorder(model.parameters(), lr=1e-3)
    h = train(model, mse, regression(), optimizer=opt, epochs=2, clip_norm=0.5, progress=False)
    assert all(float(g.norm()) <= 0.5 + 1e-5 for g in opt.seen)
    assert max(h.grad_norm) > 0.5  # chuẩn ghi lại là chuẩn trước khi cắt
    for g, n in zip(opt.seen, h.grad_norm):
        if n > 0.5:  # chỉ bị thu ngắn, không đổi hướng: chuẩn sau khi cắt = τ
            assert float(g.norm()) == pytest.approx(0.5, rel=1e-4)


def test_clip_value_clamps_each_component():
    torch.manual_seed(0)
    model = torch.nn.Linear(2, 1)
    opt = Recorder(model.parameters(), lr=1e-3)
    train(model, mse, regression(), optimizer=opt, epochs=1, clip_value=0.1, progress=False)
    assert all(float(g.abs().max()) <= 0.1 + 1e-7 for g in opt.seen)
    assert any(float(g.abs().max()) == pytest.approx(0.1) for g in opt.seen)


def test_batches_can_be_a_function_of_the_epoch():
    model = torch.nn.Linear(2, 1)
    epochs_seen = []

    def batches(epoch):
        epochs_seen.append(epoch)
        return regression(n_batches=epoch, seed=epoch)

    h = train(model, mse, batches, optimizer=torch.optim.SGD(model.parameters(), lr=0.01), epochs=3, progress=False)
    assert epochs_seen == [1, 2, 3] and len(h.loss) == 1 + 2 + 3


def test_nan_loss_raises_training_diverged_in_vietnamese_with_history():
    model = torch.nn.Linear(2, 1)
    calls = []

    def loss_fn(model, batch):
        calls.append(1)
        loss = mse(model, batch)
        return loss * float("nan") if len(calls) == 3 else loss

    with pytest.raises(TrainingDiverged) as info:
        train(
            model,
            loss_fn,
            regression(),
            optimizer=torch.optim.SGD(model.parameters(), lr=0.01),
            epochs=1,
            progress=False,
        )
    err = info.value
    assert isinstance(err, FloatingPointError)
    message = str(err)
    assert "phân kỳ" in message and "bước 3" in message
    assert "cắt gradient" in message and "tốc độ học" in message
    assert len(err.history.loss) == 2  # hai bước trước đó vẫn còn


def test_infinite_gradient_raises_training_diverged():
    w = torch.nn.Parameter(torch.zeros(()))
    model = torch.nn.Module()
    model.w = w

    def loss_fn(model, batch):
        return torch.sqrt(model.w)  # mất mát 0 (hữu hạn), gradient 1/(2√0) = ∞

    with pytest.raises(TrainingDiverged, match="Gradient không hữu hạn") as info:
        train(model, loss_fn, [None], optimizer=torch.optim.SGD(model.parameters(), lr=0.1), epochs=1, progress=False)
    assert "cắt gradient" in str(info.value)
    assert float(w.detach()) == 0.0  # không cập nhật bằng gradient vô cùng


def test_progress_bar_goes_to_the_given_stream():
    model = torch.nn.Linear(2, 1)
    stream = io.StringIO()
    sgd_train(model, 10, stream=stream)
    lines = stream.getvalue().splitlines()
    assert 2 <= len(lines) <= 6  # không phải terminal: vài dòng cho cả quá trình, dòng cuối là epoch cuối
    assert "epoch 10/10" in lines[-1] and "mất mát" in lines[-1] and "‖g‖" in lines[-1]
    quiet = io.StringIO()
    sgd_train(model, 2, stream=quiet, progress=False)
    assert quiet.getvalue() == ""


def test_on_epoch_sees_each_epoch_and_can_stop_early():
    model = torch.nn.Linear(2, 1)
    seen = []

    def on_epoch(epoch, history):
        seen.append((epoch, len(history.loss), len(history.epoch_loss)))
        return epoch == 3

    h = sgd_train(model, 10, progress=False, on_epoch=on_epoch)
    assert seen == [(1, 4, 1), (2, 8, 2), (3, 12, 3)]
    assert len(h.loss) == 12


def test_progress_outside_a_terminal_is_one_line_per_update():
    model = torch.nn.Linear(2, 1)
    stream = io.StringIO()
    sgd_train(model, 50, stream=stream)
    text = stream.getvalue()
    assert "\r" not in text
    lines = text.splitlines()
    assert [line.split()[1] for line in lines] == ["10/50", "20/50", "30/50", "40/50", "50/50"]
