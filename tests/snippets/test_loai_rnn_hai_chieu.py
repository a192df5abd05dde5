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
    acc = v["mean_accuracy"]
    # bài 1 (nhãn ở khung t + 3), trang: một chiều ở mức đoán mò (20% ± 3 điểm) ở mọi seed; một chiều
    # trễ 3 khung và hai chiều đều từ 95% trở lên
    assert all(abs(a - 0.2) <= 0.03 for a in v["accuracy_by_key"]["1_uni"])
    assert acc["1_delayed"] >= 0.95 and acc["1_bi"] >= 0.95
    # bài 2 (âm kéo dài, nhiễu lớn), trang: một chiều < một chiều trễ 3 khung < hai chiều (trung bình ba seed),
    # và cả ba đều hơn hẳn đoán mò
    assert 0.3 < acc["2_uni"] < acc["2_delayed"] < acc["2_bi"]
    by_key = v["accuracy_by_key"]
    assert min(by_key["2_bi"]) > max(by_key["2_delayed"])  # hai chiều hơn trễ ở mọi seed
    # ... nhưng khoảng cách hai chiều − trễ nhỏ hơn khoảng cách trễ − không trễ
    assert acc["2_bi"] - acc["2_delayed"] < acc["2_delayed"] - acc["2_uni"]
    # số tham số: hai chiều (16 + 16 nút) ít hơn một chiều (32 nút); trễ không thêm tham số nào
    assert v["n_params"]["bi"] < v["n_params"]["uni"] == v["n_params"]["delayed"]
    assert len(r.figures) == 1 and "hai bài" in r.titles[0]


def test_hai_chieu_diagram(run_snippet):
    r = run_snippet("snippets/loai_rnn/hai_chieu_diagram.py")
    assert len(r.figures) == 1
    assert "RNN hai chiều trải theo thời gian" in r.titles[0]
    assert r.stdout == ""
