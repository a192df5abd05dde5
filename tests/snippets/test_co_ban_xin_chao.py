"""Kiểm thử snippets/co_ban/xin_chao.py (trang chủ dẫn nó và nêu các con số này)."""


def test_xin_chao(run_snippet):
    r = run_snippet("snippets/co_ban/xin_chao.py")
    # rnnlab.RNN và torch.nn.RNN cùng trọng số cho cùng đầu ra (trang chủ nêu con số này)
    assert r.values["max_diff"] < 1e-6
    # tanh giữ trạng thái ẩn trong (-1, 1), và mạng không đứng yên ở 0
    assert 0.05 < r.values["h_max"] < 1
    assert "(30, 1, 4)  (T, B, H)" in r.stdout
    assert "(1, 1, 4)  (số tầng, B, H)" in r.stdout
    assert len(r.figures) == 1
    name, svg = r.figures[0]
    assert name.endswith(".svg") and svg.lstrip().startswith(b"<?xml")
    assert "Trạng thái ẩn" in r.titles[0]
