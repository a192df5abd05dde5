"""Kho văn bản tiếng Việt và các hàm cắt chuỗi cho mô hình ngôn ngữ mức ký tự."""

from __future__ import annotations

import unicodedata
from importlib import resources

import pytest
import torch

from rnnlab.datasets import text

CORPUS = text.load_corpus()
VOCAB = text.CharVocab(CORPUS)
IDS = VOCAB.encode(CORPUS)


def test_corpus_size_and_language():
    size = len(CORPUS.encode("utf-8"))
    assert 15_000 <= size <= 30_000
    assert CORPUS == unicodedata.normalize("NFC", CORPUS)
    for ch in "ăâđêôơưếờữạ":
        assert ch in CORPUS
    paragraphs = [p.strip() for p in CORPUS.split("\n\n") if p.strip()]
    assert len(paragraphs) >= 40
    # 21 bài viết, mỗi bài mở đầu bằng một dòng tiêu đề (một dòng, không có dấu chấm cuối)
    titles = [p for p in paragraphs if "\n" not in p and not p.endswith(".")]
    assert len(titles) == 21 and titles[0] == "Sáng sớm ở phố cổ"


def test_vocab_roundtrip():
    assert 60 <= len(VOCAB) <= 150
    assert VOCAB.chars == sorted(VOCAB.chars)
    assert IDS.dtype == torch.long and IDS.shape == (len(CORPUS),)
    assert 0 <= int(IDS.min()) and int(IDS.max()) < len(VOCAB)
    assert VOCAB.decode(IDS) == CORPUS
    with pytest.raises(ValueError, match="không có trong bảng ký tự"):
        VOCAB.encode("phở €")


def test_split():
    train, val = text.split(IDS, 0.1)
    assert len(train) + len(val) == len(IDS)
    assert len(val) == int(len(IDS) * 0.1)
    assert torch.equal(val, IDS[-len(val) :])
    with pytest.raises(ValueError):
        text.split(IDS, 1.5)


def test_random_windows_shapes_shift_and_seed():
    batches = text.random_windows(IDS, seq_len=16, batch_size=5, n_batches=3, seed=7)
    assert len(batches) == 3
    for x, y in batches:
        assert x.shape == y.shape == (16, 5)
        assert torch.equal(x[1:], y[:-1])  # y là x dịch đi một ký tự
        for b in range(5):
            s = VOCAB.decode(x[:, b]) + VOCAB.decode(y[-1:, b])
            assert s in CORPUS
    again = text.random_windows(IDS, seq_len=16, batch_size=5, n_batches=3, seed=7)
    assert all(torch.equal(a[0], b[0]) for a, b in zip(batches, again))
    other = text.random_windows(IDS, seq_len=16, batch_size=5, n_batches=3, seed=8)
    assert not torch.equal(batches[0][0], other[0][0])
    with pytest.raises(ValueError):
        text.random_windows(IDS[:10], seq_len=16, batch_size=2, n_batches=1, seed=0)


def test_sequential_windows_cover_text_once():
    x, y = text.sequential_windows(IDS[:1001], seq_len=100)
    assert x.shape == y.shape == (100, 10)
    assert torch.equal(x.t().reshape(-1), IDS[:1000])
    assert torch.equal(y.t().reshape(-1), IDS[1:1001])


def test_license_stated():
    assert text.LICENSE == "CC0-1.0"
    note = resources.files("rnnlab.datasets").joinpath("CORPUS_LICENSE.md").read_text(encoding="utf-8")
    assert "CC0 1.0" in note and "viết riêng cho" in note
