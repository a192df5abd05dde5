"""snippets/loai_rnn/gru_vs_torch.py (trang docs/loai-rnn/gru.md): rnnlab.GRU = torch.nn.GRU khi cùng trọng số."""


def test_gru_vs_torch(run_snippet):
    r = run_snippet("snippets/loai_rnn/gru_vs_torch.py")
    assert r.values["max_abs_diff"] < 1e-6  # đầu ra và trạng thái ẩn cuối
    assert r.values["diff_grad"] < 1e-5  # gradient, sai khác tương đối
    assert "Sai khác lớn nhất" in r.stdout and "weight_hh_l0': (48, 16)" in r.stdout
    assert r.figures == []
