"""Bộ dữ liệu cảm xúc tiếng Việt: kích thước, cân bằng nhãn, phần chia cố định, hiện tượng, giấy phép."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from importlib import resources

import pytest
import torch

from rnnlab.datasets import sentiment

ALL = sentiment.load()
TRAIN = sentiment.load("train")
TEST = sentiment.load("test")
NEGATION = re.compile(r"\b(không|chẳng|chưa|khong|chang|chua)\b")


def test_size_and_balance():
    assert len(ALL) == 750 >= 600
    assert Counter(ex.label for ex in ALL) == {0: 250, 1: 250, 2: 250}
    assert {ex.split for ex in ALL} == {"train", "test"}
    assert (len(TRAIN), len(TEST)) == (566, 184)
    # phần kiểm tra cũng cân bằng: mỗi nhãn 61 hoặc 62 câu
    assert sorted(Counter(ex.label for ex in TEST).values()) == [61, 61, 62]


def test_split_is_fixed_by_the_file():
    assert sentiment.load("test") == TEST  # đọc lại: cùng câu, cùng thứ tự
    assert {ex.text for ex in TRAIN}.isdisjoint(ex.text for ex in TEST)
    texts = {ex.text: ex for ex in ALL}
    assert texts["hàng về đúng như hình, đóng gói xinh xắn, cho shop năm sao"].split == "test"
    assert texts["lần đầu ăn bún chả mà đã mê luôn"].split == "train"
    with pytest.raises(ValueError, match="split phải là"):
        sentiment.load("validation")


def test_no_duplicates_and_varied_topics():
    assert len({ex.text for ex in ALL}) == len(ALL)
    topics = Counter(ex.topic for ex in ALL)
    assert len(topics) >= 8 and min(topics.values()) >= 20


def test_phenomena_present_in_every_label_and_split():
    for tag in sentiment.TAGS:
        tagged = [ex for ex in ALL if tag in ex.tags]
        assert len(tagged) >= 60, tag
    for tag in ("phu_dinh", "tuong_phan"):
        for split in (TRAIN, TEST):
            assert {ex.label for ex in split if tag in ex.tags} == {0, 1, 2}, tag


def test_unaccented_share():
    # trang GRU: câu không dấu chiếm khoảng một phần tám tập huấn luyện
    share = sum("khong_dau" in ex.tags for ex in TRAIN) / len(TRAIN)
    assert 0.10 <= share <= 0.16


def test_tags_match_the_text():
    for ex in ALL:
        if "tuong_phan" in ex.tags:
            assert re.search(r"\b(nhưng|nhung)\b", ex.text), ex.text
        if "phu_dinh" in ex.tags:
            assert NEGATION.search(ex.text), ex.text
        if "khong_dau" in ex.tags:
            assert ex.text.isascii(), ex.text  # không dấu: chỉ còn chữ ASCII
        assert ex.text == unicodedata.normalize("NFC", ex.text)
    accented = [ex for ex in ALL if "khong_dau" not in ex.tags]
    assert sum(not ex.text.isascii() for ex in accented) >= 0.95 * len(accented)


def test_negation_flips_polarity_both_ways():
    # có cả "không + từ tích cực" (tiêu cực) lẫn "không + từ tiêu cực" (tích cực): túi từ không tách được
    assert any(ex.label == 0 and "không chắc chắn" in ex.text for ex in ALL)
    assert any(ex.label == 2 and "không cẩu thả" in ex.text for ex in ALL)


def test_tokenize():
    assert sentiment.tokenize("Giá hơi đắt, NHƯNG phở ngon!") == ["giá", "hơi", "đắt", "nhưng", "phở", "ngon"]
    decomposed = unicodedata.normalize("NFD", "Phở")
    assert sentiment.tokenize(decomposed) == ["phở"]


def test_vocab_encode_and_bag_of_words():
    vocab = sentiment.build_vocab(TRAIN)
    assert vocab[sentiment.PAD] == 0 and vocab[sentiment.UNK] == 1
    assert sentiment.build_vocab(TRAIN) == vocab
    assert sorted(vocab.values()) == list(range(len(vocab)))
    ids, lengths = sentiment.encode(TEST, vocab)
    assert ids.shape == (len(TEST), int(lengths.max())) and ids.dtype == torch.long
    for b, ex in enumerate(TEST):
        n = len(sentiment.tokenize(ex.text))
        assert lengths[b] == n
        assert (ids[b, n:] == 0).all() and (ids[b, :n] > 0).all()
    assert (ids == 1).any()  # có âm tiết chỉ xuất hiện ở tập kiểm tra
    bow = sentiment.bag_of_words(TEST, vocab)
    assert bow.shape == (len(TEST), len(vocab))
    assert (bow >= 0).all() and (bow[:, 0] == 0).all()
    assert torch.equal(bow.sum(1), lengths.float())


def test_labels_and_masks():
    y = sentiment.labels(TEST)
    assert y.shape == (len(TEST),) and set(y.tolist()) == {0, 1, 2}
    mask = sentiment.has_tag(TEST, "phu_dinh")
    assert mask.dtype == torch.bool and 30 <= int(mask.sum()) <= 70
    with pytest.raises(ValueError):
        sentiment.has_tag(TEST, "mia_mai")


def test_minibatches_deterministic():
    a = sentiment.minibatches(100, 32, seed=3, epoch=1)
    assert [len(b) for b in a] == [32, 32, 32, 4]
    assert sorted(torch.cat(a).tolist()) == list(range(100))
    assert all(torch.equal(x, y) for x, y in zip(a, sentiment.minibatches(100, 32, seed=3, epoch=1)))
    assert not torch.equal(torch.cat(a), torch.cat(sentiment.minibatches(100, 32, seed=3, epoch=2)))


def test_license_stated():
    assert sentiment.LICENSE == "CC0-1.0"
    assert sentiment.data_text().splitlines()[0].startswith("#") and "CC0" in sentiment.data_text().splitlines()[0]
    note = resources.files("rnnlab.datasets").joinpath("SENTIMENT_LICENSE.md").read_text(encoding="utf-8")
    assert "CC0 1.0" in note and "viết riêng cho dự án" in note
