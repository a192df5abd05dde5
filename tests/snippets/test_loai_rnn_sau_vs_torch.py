"""snippets/loai_rnn/sau_vs_torch.py (trang docs/loai-rnn/sau.md): GRU 3 tầng = torch.nn.GRU = ba tầng xếp chồng."""


def test_sau_vs_torch(run_snippet):
    r = run_snippet("snippets/loai_rnn/sau_vs_torch.py")
    assert r.values["diff_torch"] < 1e-6
    assert r.values["diff_stack"] < 1e-6
    assert r.values["max_abs_diff"] < 1e-6
    assert "[1248, 1632, 1632]" in r.stdout  # tầng 1 nhận 8 đặc trưng, tầng 2 và 3 nhận 16
    assert r.figures == []
