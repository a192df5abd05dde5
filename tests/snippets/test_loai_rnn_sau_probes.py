"""snippets/loai_rnn/sau_probes.py (trang docs/loai-rnn/sau.md): dò tuyến tính trên từng tầng của GRU 3 tầng."""


def test_sau_probes(run_snippet):
    r = run_snippet("snippets/loai_rnn/sau_probes.py")
    v = r.values
    assert v["SEEDS"] == [0, 1, 2] and v["STEPS"] == 120
    space, syllable = v["mean_accuracy"]["space"], v["mean_accuracy"]["syllable"]  # theo tầng 0..3
    # trang, mục tiêu mức thấp: mọi tầng GRU hơn embedding ít nhất 5 điểm, embedding hơn mốc lớp hay gặp nhất,
    # và ba tầng GRU ngang nhau (trong vòng 2 điểm): tầng trên không thêm gì
    assert space[0] > v["majority"]["space"]
    assert min(space[1:]) > space[0] + 0.05
    assert max(space[1:]) - min(space[1:]) < 0.02
    # trang, mục tiêu mức cao hơn: không tầng nào đoán tốt hơn mốc quá 10 điểm, và tầng 3 không hơn tầng 1
    assert max(syllable) < v["majority"]["syllable"] + 0.10
    assert syllable[3] <= syllable[1]
    assert len(r.figures) == 1 and "Dò tuyến tính" in r.titles[0]
