"""snippets/chon/cells_cost.py (trang docs/chon-loai-rnn.md): số tham số và thời gian mỗi bước của ba loại ô."""


def test_cells_cost(run_snippet):
    r = run_snippet("snippets/chon/cells_cost.py")
    v = r.values
    I, H = v["I"], v["H"]
    one_block = H * I + H * H + 2 * H
    # trang: RNN một khối trọng số, GRU ba, LSTM bốn
    assert v["params"] == {"rnn": one_block, "lstm": 4 * one_block, "gru": 3 * one_block}
    # thời gian được đo và in (không khẳng định chiều nào: phụ thuộc máy lúc chạy)
    assert all(t > 0 for t in v["ms_per_step"].values())
    assert r.stdout.count("ms mỗi bước") == 3 and r.figures == []
