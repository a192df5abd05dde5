"""rnnlab: mạng nơ-ron hồi tiếp (RNN, LSTM, GRU) viết từ đầu, cho kết quả bằng torch.nn.

Mỗi ô viết công thức từng dòng (``rnn.py``, ``lstm.py``, ``gru.py``); lan truyền ngược qua
thời gian được viết tay (``bptt.py``; LSTM có thêm một đường nhanh, ``lstm_fast.py``); các tầng
(``layers.py``) ghép từ đó; ``recording`` ghi ∂L/∂h_t trong lượt ngược và ``gradient_flow`` đo
gradient qua các bước thời gian từ bản ghi đó; ``clip`` là cắt gradient.
"""

from .clip import clip_grad_norm_, clip_grad_value_
from .gradient_flow import hidden_grad_norms, jacobian_norms
from .gru import GRUCell
from .layers import GRU, LSTM, RNN
from .lstm import LSTMCell
from .recording import record_hidden_grads
from .rnn import RNNCell
from .utils import pack_padded_sequence

__version__ = "0.1.0"

__all__ = [
    "RNNCell",
    "LSTMCell",
    "GRUCell",
    "RNN",
    "LSTM",
    "GRU",
    "clip_grad_norm_",
    "clip_grad_value_",
    "hidden_grad_norms",
    "jacobian_norms",
    "record_hidden_grads",
    "pack_padded_sequence",
]
