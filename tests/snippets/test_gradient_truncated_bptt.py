"""snippets/gradient/truncated_bptt.py (trang docs/gradient/giai-phap.md): BPTT bị cắt ngắn."""


def test_truncated_bptt(run_snippet):
    r = run_snippet("snippets/gradient/truncated_bptt.py")
    v = r.values
    assert v["T"] == 30 and v["K"] == 10 and v["SEEDS"] == [0, 1, 2]
    # trang: khi cắt sau 10 bước, gradient ở mọi bước trước đoạn cuối đúng bằng 0; không cắt thì không
    assert v["zero_before_cut"] == 20
    assert min(v["flow_full"]) > 0
    # trang: trên bài toán cộng T = 30, LSTM học được cả khi cắt (MSE < 0,05 ở mọi seed), vì cùng
    # trọng số ghi số thứ hai vào ô nhớ cũng ghi số thứ nhất
    assert all(m < 0.05 for m in v["final_mse"]["full"]) and all(m < 0.05 for m in v["final_mse"]["cut"])
    assert len(r.figures) == 1 and "cắt ngắn" in r.titles[0]
