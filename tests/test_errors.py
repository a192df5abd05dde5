"""Đầu vào sai nhận một lỗi tiếng Việt rõ ràng, nói điều cần và điều đã nhận — mỗi trường hợp một kiểm thử."""

from __future__ import annotations

import pytest
import torch

import rnnlab


@pytest.fixture
def lstm():
    return rnnlab.LSTM(3, 4, num_layers=2)


def test_non_tensor_input(lstm):
    with pytest.raises(TypeError, match=r"Đầu vào phải là một torch.Tensor, nhưng nhận được list"):
        lstm([[1.0, 2.0, 3.0]])


def test_wrong_number_of_dimensions(lstm):
    with pytest.raises(
        ValueError,
        match=r"2 chiều \(T, I\) hoặc 3 chiều \(T, B, I\), nhưng nhận được 4 chiều với kích thước \(2, 2, 2, 3\)",
    ):
        lstm(torch.randn(2, 2, 2, 3))


def test_wrong_number_of_dimensions_batch_first():
    with pytest.raises(ValueError, match=r"3 chiều \(B, T, I\), nhưng nhận được 1 chiều"):
        rnnlab.GRU(3, 4, batch_first=True)(torch.randn(3))


def test_wrong_feature_size(lstm):
    with pytest.raises(ValueError, match=r"input_size = 3 đặc trưng ở chiều cuối, nhưng nhận được 5"):
        lstm(torch.randn(6, 2, 5))


def test_initial_state_wrong_shape():
    with pytest.raises(ValueError, match=r"h_0 phải có kích thước \(2, 2, 4\), nhưng nhận được \(1, 2, 4\)"):
        rnnlab.GRU(3, 4, num_layers=2)(torch.randn(6, 2, 3), torch.zeros(1, 2, 4))


def test_initial_state_wrong_shape_bidirectional_c0(lstm):
    bi = rnnlab.LSTM(3, 4, bidirectional=True)
    with pytest.raises(ValueError, match=r"c_0 phải có kích thước \(2, 2, 4\), nhưng nhận được \(2, 2, 5\)"):
        bi(torch.randn(6, 2, 3), (torch.zeros(2, 2, 4), torch.zeros(2, 2, 5)))


def test_initial_state_wrong_dtype():
    with pytest.raises(TypeError, match=r"h_0 có kiểu dữ liệu torch.float64, khác kiểu của trọng số \(torch.float32\)"):
        rnnlab.RNN(3, 4)(torch.randn(6, 2, 3), torch.zeros(1, 2, 4, dtype=torch.float64))


def test_lstm_initial_state_not_a_pair(lstm):
    with pytest.raises(TypeError, match=r"cặp \(h_0, c_0\)"):
        lstm(torch.randn(6, 2, 3), torch.zeros(2, 2, 4))


def test_input_dtype_differs_from_weights():
    with pytest.raises(
        TypeError, match=r"Đầu vào có kiểu dữ liệu torch.float64, khác kiểu của trọng số \(torch.float32\)"
    ):
        rnnlab.GRU(3, 4)(torch.randn(6, 2, 3, dtype=torch.float64))


@pytest.mark.parametrize("value", [0, -1, 2.5, "8"])
def test_hidden_size_below_one(value):
    with pytest.raises(ValueError, match=rf"hidden_size phải là số nguyên ≥ 1, nhưng nhận được {value!r}"):
        rnnlab.LSTM(3, value)


@pytest.mark.parametrize("value", [0, -2])
def test_num_layers_below_one(value):
    with pytest.raises(ValueError, match=rf"num_layers phải là số nguyên ≥ 1, nhưng nhận được {value}"):
        rnnlab.RNN(3, 4, num_layers=value)


@pytest.mark.parametrize("value", [-0.1, 1.5])
def test_dropout_outside_unit_interval(value):
    with pytest.raises(ValueError, match=rf"dropout phải là một số trong đoạn \[0, 1\], nhưng nhận được {value}"):
        rnnlab.GRU(3, 4, num_layers=2, dropout=value)


def test_unknown_nonlinearity():
    with pytest.raises(
        ValueError, match=r"nonlinearity phải là một trong 'tanh', 'relu', 'identity', nhưng nhận được 'sigmoid'"
    ):
        rnnlab.RNN(3, 4, nonlinearity="sigmoid")
    with pytest.raises(ValueError, match=r"nhưng nhận được 'sigmoid'"):
        rnnlab.RNNCell(3, 4, nonlinearity="sigmoid")


def test_empty_sequence(lstm):
    with pytest.raises(ValueError, match=r"Chuỗi đầu vào rỗng: cần ít nhất 1 bước thời gian, nhưng nhận được T = 0"):
        lstm(torch.randn(0, 2, 3))


def test_empty_sequence_batch_first():
    with pytest.raises(ValueError, match=r"T = 0 \(kích thước \(2, 0, 3\), bố cục \(B, T, I\)\)"):
        rnnlab.RNN(3, 4, batch_first=True)(torch.randn(2, 0, 3))


def test_packed_lengths_out_of_order():
    with pytest.raises(ValueError, match=r"enforce_sorted=True, lengths phải giảm dần .* nhưng nhận được \[3, 5, 2\]"):
        rnnlab.pack_padded_sequence(torch.randn(5, 3, 2), [3, 5, 2])


def test_packed_lengths_out_of_range():
    with pytest.raises(ValueError, match=r"Mỗi độ dài phải nằm trong \[1, 5\]"):
        rnnlab.pack_padded_sequence(torch.randn(5, 2, 2), [6, 0], enforce_sorted=False)


def test_packed_wrong_feature_size(lstm):
    packed = rnnlab.pack_padded_sequence(torch.randn(5, 2, 7), [5, 3])
    with pytest.raises(ValueError, match=r"input_size = 3 .* nhưng nhận được 7"):
        lstm(packed)


def test_cell_errors():
    cell = rnnlab.GRUCell(3, 4)
    with pytest.raises(ValueError, match=r"1 chiều \(I,\) hoặc 2 chiều \(B, I\), nhưng nhận được 3 chiều"):
        cell(torch.randn(1, 2, 3))
    with pytest.raises(ValueError, match=r"Trạng thái h phải có kích thước \(2, 4\), nhưng nhận được \(2, 5\)"):
        cell(torch.randn(2, 3), torch.zeros(2, 5))
    with pytest.raises(TypeError, match=r"cặp \(h, c\)"):
        rnnlab.LSTMCell(3, 4)(torch.randn(2, 3), torch.zeros(2, 4))


def test_valid_packed_input_still_works():
    packed = rnnlab.pack_padded_sequence(torch.randn(5, 3, 2), [3, 5, 2], enforce_sorted=False)
    out, h = rnnlab.GRU(2, 4)(packed)
    assert h.shape == (1, 3, 4)
