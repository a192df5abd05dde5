"""Kiểm thử các snippet của trang docs/loai-rnn/hai-chieu.md (các khoảng nêu ở đây là các khoảng trang nêu)."""


def test_hai_chieu_parity(run_snippet):
    r = run_snippet("snippets/loai_rnn/hai_chieu_parity.py")
    # rnnlab.RNN(bidirectional=True) = torch.nn.RNN(bidirectional=True) = tự ghép hai RNN một chiều
    assert r.values["max_abs_diff"] < 1e-6
    assert r.values["composed_max_abs_diff"] < 1e-6
    assert "(12, 4, 16)  (T, B, 2H)" in r.stdout
    assert r.figures == []


def test_hai_chieu_speech(run_snippet):
    r = run_snippet("snippets/loai_rnn/hai_chieu_speech.py")
    v = r.values
    # trang: một chiều ở mức đoán mò (trong 20% ± 3 điểm), hai chiều trên 95%
    assert abs(v["accuracy_uni"] - 0.2) <= 0.03
    assert 0.95 <= v["accuracy_bi"] <= 1.0
    # đường cong theo epoch: một chiều không bao giờ rời mức đoán mò, hai chiều đi lên
    assert len(v["curves"]["một chiều"]) == len(v["curves"]["hai chiều"]) == v["EPOCHS"]
    assert max(v["curves"]["một chiều"]) < 0.25
    assert v["curves"]["hai chiều"][0] < v["accuracy_bi"]
    assert r.stdout.count("mất mát") == 8
    assert len(r.figures) == 2


def test_hai_chieu_diagram(run_snippet):
    r = run_snippet("snippets/loai_rnn/hai_chieu_diagram.py")
    assert len(r.figures) == 1
    assert "RNN hai chiều trải theo thời gian" in r.titles[0]
    assert r.stdout == ""
