"""rnnlab.RNN/LSTM/GRU cho cùng con số với torch.nn khi nạp cùng trọng số."""

from __future__ import annotations

import itertools

import pytest
import torch
from _reference import KINDS, make_pair, run_case
from hypothesis import given, settings
from hypothesis import strategies as st

TOL = {torch.float32: 1e-5, torch.float64: 1e-10}

GRID = list(
    itertools.product(
        ["rnn_tanh", "lstm", "gru"],  # kiểu ô
        [1, 2, 3],  # num_layers
        [False, True],  # bidirectional
        [False, True],  # batch_first
        [True, False],  # bias
        [False, True],  # packed
        [False, True],  # h0
    )
)


def _ids(case):
    kind, L, bi, bf, bias, packed, h0 = case
    return f"{kind}-L{L}{'-bi' if bi else ''}{'-bf' if bf else ''}{'' if bias else '-nobias'}{'-packed' if packed else ''}{'-h0' if h0 else ''}"


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64], ids=["f32", "f64"])
@pytest.mark.parametrize("case", GRID, ids=[_ids(c) for c in GRID])
def test_grid(case, dtype):
    kind, L, bi, bf, bias, packed, h0 = case
    errors = run_case(kind, dtype, num_layers=L, bidirectional=bi, batch_first=bf, bias=bias, packed=packed, with_h0=h0)
    worst = max(errors, key=lambda e: e[1])
    assert worst[1] <= TOL[dtype], f"sai lệch lớn nhất ở {worst[0]}: {worst[1]:.3g}"


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    kind=st.sampled_from(sorted(KINDS)),
    L=st.integers(1, 3),
    bi=st.booleans(),
    bf=st.booleans(),
    bias=st.booleans(),
    packed=st.booleans(),
    h0=st.booleans(),
    T=st.integers(3, 9),
    B=st.integers(3, 5),
    I=st.integers(1, 6),
    H=st.integers(1, 7),
    seed=st.integers(0, 2**16),
)
def test_random_configurations(kind, L, bi, bf, bias, packed, h0, T, B, I, H, seed):
    errors = run_case(
        kind,
        torch.float64,
        num_layers=L,
        bidirectional=bi,
        batch_first=bf,
        bias=bias,
        packed=packed,
        with_h0=h0,
        T=T,
        B=B,
        I=I,
        H=H,
        seed=seed,
    )
    worst = max(errors, key=lambda e: e[1])
    assert worst[1] <= 1e-10, f"sai lệch lớn nhất ở {worst[0]}: {worst[1]:.3g}"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_unbatched_input(kind):
    ours, theirs = make_pair(kind, torch.float64, input_size=3, hidden_size=4, num_layers=2, bidirectional=True)
    x = torch.randn(6, 3, dtype=torch.float64)
    (o1, s1), (o2, s2) = ours(x), theirs(x)
    assert o1.shape == o2.shape == (6, 8)
    torch.testing.assert_close(o1, o2, atol=1e-12, rtol=0)
    for a, b in zip(s1 if kind == "lstm" else (s1,), s2 if kind == "lstm" else (s2,)):
        assert a.shape == (4, 4)
        torch.testing.assert_close(a, b, atol=1e-12, rtol=0)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_same_seed_same_initial_weights(kind):
    ours_cls, theirs_cls, extra = KINDS[kind]
    torch.manual_seed(123)
    ours = ours_cls(**extra, input_size=5, hidden_size=7, num_layers=2, bidirectional=True)
    torch.manual_seed(123)
    theirs = theirs_cls(**extra, input_size=5, hidden_size=7, num_layers=2, bidirectional=True)
    assert list(ours.state_dict()) == list(theirs.state_dict())
    for name, value in theirs.state_dict().items():
        assert torch.equal(ours.state_dict()[name], value), name


def test_identity_rnn_is_linear():
    import rnnlab

    torch.manual_seed(0)
    m = rnnlab.RNN(3, 4, nonlinearity="identity", bias=False).double()
    x = torch.randn(5, 2, 3, dtype=torch.float64)
    out, _ = m(x)
    # h_t = W_ih x_t + W_hh h_{t-1}: tuyến tính nên nhân đôi x thì nhân đôi h
    torch.testing.assert_close(m(2 * x)[0], 2 * out)
    h = torch.zeros(2, 4, dtype=torch.float64)
    for t in range(5):
        h = x[t] @ m.weight_ih_l0.T + h @ m.weight_hh_l0.T
    torch.testing.assert_close(out[-1], h)


def test_dropout_between_layers_only_in_training():
    import rnnlab

    torch.manual_seed(0)
    m = rnnlab.LSTM(3, 8, num_layers=2, dropout=0.5)
    theirs = torch.nn.LSTM(3, 8, num_layers=2, dropout=0.5)
    theirs.load_state_dict(m.state_dict())
    x = torch.randn(6, 2, 3)
    m.eval(), theirs.eval()
    torch.testing.assert_close(m(x)[0], theirs(x)[0], atol=1e-6, rtol=0)
    m.train()
    a, b = m(x)[0], m(x)[0]
    assert not torch.allclose(a, b), "dropout khi huấn luyện phải làm đầu ra ngẫu nhiên"
    # dropout=1 xoá hết đầu ra tầng 1: tầng 2 chỉ còn thấy số 0, nên không phụ thuộc x
    m1 = rnnlab.LSTM(3, 8, num_layers=2, dropout=1.0).train()
    torch.testing.assert_close(m1(x)[0], m1(torch.randn(6, 2, 3))[0])
    # không có dropout sau tầng cuối: một tầng thì huấn luyện hay đánh giá như nhau
    one = rnnlab.LSTM(3, 8, num_layers=1, dropout=0.5).train()
    torch.testing.assert_close(one(x)[0], one.eval()(x)[0])
