"""Ghi ∂L/∂h_t trong lượt ngược: tầng dưới cùng của phép đo dòng gradient.

``layers.py`` hỏi ``hook_for`` một hàm ghi cho mỗi tầng, mỗi chiều; ``bptt.BPTT.backward`` gọi hàm
đó với ∂L/∂h_t (T, B, H). Ngoài khối ``with record_hidden_grads()``, ``hook_for`` trả về None và
không có gì được ghi. ``gradient_flow`` dùng bản ghi này để đo; mô-đun này không biết gì về nó.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable

_recorder: contextvars.ContextVar[dict | None] = contextvars.ContextVar("rnnlab_grad_recorder", default=None)


@contextlib.contextmanager
def record_hidden_grads():
    """Trong khối ``with``, mỗi lượt ngược của một tầng rnnlab ghi ∂L/∂h_t (T, B, H) vào dict trả về.

    Khoá là ``"l{tầng}{chiều}"`` với chiều trong ``layers.DIRECTIONS`` (``"l0"``, ``"l0_reverse"``…),
    như hậu tố tên tham số của torch. Thời gian luôn theo thứ tự gốc, kể cả với chiều ngược.
    """
    store: dict = {}
    token = _recorder.set(store)
    try:
        yield store
    finally:
        _recorder.reset(token)


def hook_for(key: str, transform: Callable | None = None) -> Callable | None:
    """Hàm mà ``BPTT.backward`` gọi với ∂L/∂h_t, hoặc None khi không ghi."""
    store = _recorder.get()
    if store is None:
        return None

    def hook(dhs):
        store[key] = dhs if transform is None else transform(dhs)

    return hook
