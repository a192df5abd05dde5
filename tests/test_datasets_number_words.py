"""Kiểm thử rnnlab.datasets.number_words: quy tắc đọc số tiếng Việt, tiếng Anh, chia tập, bảng từ."""

import pytest

from rnnlab.datasets import number_words as nw

# số → cách đọc tiếng Việt (mặc định "linh")
VIETNAMESE = {
    0: "không",
    5: "năm",
    10: "mười",
    11: "mười một",
    14: "mười bốn",
    15: "mười lăm",
    20: "hai mươi",
    21: "hai mươi mốt",
    24: "hai mươi tư",
    25: "hai mươi lăm",
    31: "ba mươi mốt",
    55: "năm mươi lăm",
    100: "một trăm",
    101: "một trăm linh một",
    104: "một trăm linh bốn",
    105: "một trăm linh năm",
    110: "một trăm mười",
    115: "một trăm mười lăm",
    121: "một trăm hai mươi mốt",
    1000: "một nghìn",
    1001: "một nghìn không trăm linh một",
    1005: "một nghìn không trăm linh năm",
    1010: "một nghìn không trăm mười",
    1021: "một nghìn không trăm hai mươi mốt",
    1100: "một nghìn một trăm",
    2005: "hai nghìn không trăm linh năm",
    10000: "mười nghìn",
    12345: "mười hai nghìn ba trăm bốn mươi lăm",
    99999: "chín mươi chín nghìn chín trăm chín mươi chín",
    1000000: "một triệu",
    1000005: "một triệu không trăm linh năm",
    2500000: "hai triệu năm trăm nghìn",
    1000000000: "một tỷ",
}

ENGLISH = {
    0: "zero",
    5: "five",
    11: "eleven",
    21: "twenty-one",
    40: "forty",
    100: "one hundred",
    105: "one hundred and five",
    115: "one hundred and fifteen",
    1001: "one thousand and one",
    1100: "one thousand one hundred",
    1105: "one thousand one hundred and five",
    2005: "two thousand and five",
    10000: "ten thousand",
    12345: "twelve thousand three hundred and forty-five",
    1000000: "one million",
    1000005: "one million and five",
}


@pytest.mark.parametrize("n, expected", sorted(VIETNAMESE.items()))
def test_vietnamese_known_cases(n, expected):
    assert nw.vietnamese(n) == expected


@pytest.mark.parametrize(
    "n, expected",
    [(101, "một trăm lẻ một"), (105, "một trăm lẻ năm"), (2005, "hai nghìn không trăm lẻ năm"), (24, "hai mươi tư")],
)
def test_vietnamese_le_variant(n, expected):
    assert nw.vietnamese(n, variant="lẻ") == expected


@pytest.mark.parametrize("n, expected", sorted(ENGLISH.items()))
def test_english_known_cases(n, expected):
    assert nw.english(n) == expected


def test_tokenize_splits_hyphen_into_words():
    assert nw.tokenize(nw.english(21)) == ["twenty", "one"]
    assert nw.tokenize(nw.english(2005)) == ["two", "thousand", "and", "five"]
    assert nw.tokenize(nw.vietnamese(2005)) == ["hai", "nghìn", "không", "trăm", "linh", "năm"]


def test_special_unit_words_only_where_the_rules_allow():
    for n in range(100_000):
        words = nw.vietnamese(n).split()
        for i, w in enumerate(words):
            before = words[i - 1] if i else None
            if w in ("mốt", "tư"):
                assert before == "mươi", (n, words)  # 21 mốt, 24 tư: chỉ sau "mươi"
            if w == "lăm":
                assert before in ("mười", "mươi"), (n, words)  # 15, 25: sau mười/mươi
            if w == "năm" and before in ("mười", "mươi"):
                raise AssertionError((n, words))  # 15 không đọc "mười năm"
            if w == "linh":
                assert before == "trăm", (n, words)


def test_every_number_has_a_distinct_reading():
    seen = {}
    for n in range(0, 200_000, 7):
        text = nw.vietnamese(n)
        assert text not in seen, (n, seen.get(text))
        seen[text] = n


@pytest.mark.parametrize("bad", [-1, nw.MAX_NUMBER + 1])
def test_out_of_range_is_a_clear_error(bad):
    with pytest.raises(ValueError, match="phải là số nguyên trong"):
        nw.vietnamese(bad)
    with pytest.raises(ValueError, match="phải là số nguyên trong"):
        nw.english(bad)


def test_non_integer_and_bad_variant():
    with pytest.raises(TypeError, match="số nguyên"):
        nw.vietnamese(2.5)
    with pytest.raises(ValueError, match="linh"):
        nw.vietnamese(105, variant="lẽ")


def test_split_numbers_disjoint_deterministic_and_spread():
    train, test = nw.split_numbers(10_000, n_train=3000, n_test=1000, seed=0)
    assert len(train) == 3000 and len(test) == 1000
    assert not set(train) & set(test)
    assert all(0 <= n < 10_000 for n in train + test)
    assert (train, test) == nw.split_numbers(10_000, n_train=3000, n_test=1000, seed=0)
    assert (train, test) != nw.split_numbers(10_000, n_train=3000, n_test=1000, seed=1)
    # đủ số ngắn: mọi số có 1, 2 chữ số đều được chọn (100 số), và có số có 3 chữ số ở tập kiểm tra
    assert set(range(100)) <= set(train) | set(test)
    assert any(100 <= n < 1000 for n in test)


def test_split_numbers_rejects_too_many():
    with pytest.raises(ValueError, match="n_train"):
        nw.split_numbers(100, n_train=90, n_test=20)


def test_vocab_roundtrip_and_specials():
    pairs = nw.make_pairs([21, 105, 2005])
    assert pairs[0] == (["twenty", "one"], ["hai", "mươi", "mốt"])
    vocab = nw.Vocab(t for _, t in pairs)
    assert vocab.itos[:4] == [nw.PAD, nw.BOS, nw.EOS, nw.UNK]
    ids = vocab.encode(pairs[2][1])
    assert min(ids) >= 4
    assert vocab.decode([1] + ids + [2, 5, 6]) == pairs[2][1]  # dừng ở <eos>
    assert vocab.encode(["hai", "xin"]) == [vocab.stoi["hai"], 3]  # token lạ → <unk>
