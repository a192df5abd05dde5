"""Con số người đọc thấy: viết bằng dấu phẩy thập phân, và con số đo được thì đến từ phép đo.

- Câu chữ và công thức của mọi trang (và các ô Markdown của sổ tay) không có dấu chấm thập phân: 0,9
  chứ không 0.9 (trong KaTeX viết ``0{,}9``). Mã (khối mã, mã nội dòng) giữ cú pháp Python.
- Chữ mà các snippet in ra (khối "Kết quả" dưới mỗi snippet) cũng vậy: snippet dùng ``rnnlab.vi.number``.
- Mọi con số gõ tay trong câu chữ (ngoài công thức) phải nằm trong danh sách cho phép dưới đây: năm
  của một bài báo, kích thước và số bước của một thiết lập, ngưỡng mà kiểm thử đòi, số đếm suy ra từ
  định nghĩa. Một con số **đo được** không bao giờ được gõ tay: nó đến từ một dấu
  ``<!-- rnnlab:value ... -->``, và kiểm thử của snippet (``tests/snippets/``) hoặc
  ``test_text_claims.py`` khẳng định điều câu chữ nói về nó. Thêm một con số vào danh sách này nghĩa là
  tự hỏi: nó có phải là một phép đo không?
"""

from __future__ import annotations

import re

import pytest
from _text import DOCS, ROOT, notebook_markdown, page_id, pages, prose_and_math

from hooks import figures

DECIMAL_POINT = re.compile(r"(?<!Python )(?<!torch )\b\d+\.\d+")
NUMBER = re.compile(r"(?<![\w⟨])\d+(?:[.,]\d+)*")

YEARS = {"1997", "2013", "2014", "2015", "2018"}  # năm của các bài báo được dẫn
SMALL = {str(n) for n in range(11)}  # đếm và đánh số: "Hình 2", "ba tầng", "bước 1"

# Con số gõ tay được phép, theo trang; mỗi con số kèm lý do nó không phải là một phép đo.
ALLOWED = {
    "chon-loai-rnn": {
        "32",
        "50",
        "64",  # thiết lập của phép đo giá: 32 đầu vào, 64 nút ẩn, batch 32, T = 50
        "0,05",  # ngưỡng MSE coi là giải được bài toán cộng (SOLVED trong đoạn mã)
    },
    "dong-gop": {"3.11"},  # phiên bản Python trong hướng dẫn cài đặt
    "gradient/bien-mat": {
        "49",
        "50",
        "90",
        "0,9",
        "101",  # thiết lập của hình dung dãy cốc và của phép kiểm tra W = 0,9·Q
        "0,58",  # 1/√3: bán kính phổ của ma trận U(±1/√H), suy từ lý thuyết
    },
    "gradient/giai-phap": {
        "32",
        "50",
        "60",
        "150",
        "200",
        "500",
        "600",
        "1200",  # thiết lập: H, T, bước, batch
        "0,1",
        "0,5",
        "1,5",
        "0,01",
        "0,05",
        "0,167",  # thiết lập (tốc độ học, W_hh = 1,5·Q, ngưỡng) và 1/6
        "30",  # ngân sách thời gian của mỗi đoạn mã (giây), không phải thời gian đo được
        "99",
        "15",
        "20",  # suy từ thiết lập: T − 1 với T = 100; T/2 với T = 30; T − k với T = 30, k = 10
        "2016",  # năm của bài báo được dẫn (He và cộng sự)
    },
    "gradient/minh-hoa": {
        "30",
        "32",
        "64",
        "800",  # thiết lập: T, số nút ẩn, batch dò, số bước cập nhật tối đa
        "11",  # T − 1 với T = 12: số bước lùi của sơ đồ
        "0,5",
        "0,73",  # σ(0) và σ(1): cổng lúc khởi tạo, suy từ định nghĩa
        "100",  # ngưỡng mà kiểm thử của trang đòi (tăng ít nhất 100 lần)
        "1,5",
        "0,05",
        "20",
        "50",
        "200",  # lưới tham số của phần tự khám phá: ρ từ 0,5 tới 1,5 bước 0,05; T = 10, 20, 50, 100, 200
    },
    "gradient/no": {"49", "50", "0,9", "1,1", "1,5"},  # thiết lập của hình dung và của các ma trận thử
    "index": {"32"},  # số thực 32 bit
    "loai-rnn/gru": {"16", "20", "32", "250", "750"},  # kích thước mô hình, số epoch và kích thước bộ dữ liệu
    "loai-rnn/hai-chieu": {
        "16",
        "20",
        "32",
        "95",
        "100",
        "256",  # thiết lập, ngưỡng kiểm thử, câu hỏi "còn gần 100%?"
        "18,6",  # tỉ lệ lỗi báo cáo trong Graves và cộng sự (2013)
        "512",  # số chuỗi huấn luyện của mỗi bài
        "0,3",
        "1,5",  # độ lệch chuẩn của nhiễu trong hai bộ dữ liệu (thiết lập)
    },
    "loai-rnn/lstm": {"12", "28", "30", "32", "50", "64", "95", "1000", "2000", "9999"},  # thiết lập, ngưỡng, số đếm
    "loai-rnn/sau": {
        "19",
        "21",
        "50",
        "62",
        "96",
        "2000",  # kích thước kho văn bản, độ rộng các mô hình, số ký tự sinh ra để đếm âm tiết
        "18,6",  # tỉ lệ lỗi báo cáo trong Graves và cộng sự (2013)
    },
    "loai-rnn/vanilla-rnn": {
        "20",
        "30",
        "32",
        "40",
        "60",
        "80",
        "95",
        "1500",  # thiết lập, ngưỡng kiểm thử
        "0,1",
        "0,001",
        "0,97",
        "1,03",  # ngưỡng mà kiểm thử đòi
        "1,5",
        "0,03",  # σ của giá mô phỏng; e^μ − 1 với μ = 0,0003 (suy từ thiết lập)
        "44",
        "56",  # khoảng 95% của tỉ lệ đoán trúng khi tung đồng xu, suy từ số ngày kiểm tra
        "16",
        "64",
        "256",
        "6000",
        "0,01",  # thiết lập của ví dụ trí nhớ cài sẵn: nút ẩn, batch, số ngày, tốc độ học
        "15",  # số epoch của lần thử đầu (thiết lập)
        "0,6",  # hệ số trí nhớ cài vào dữ liệu (MEMORY trong đoạn mã)
    },
    "notebooks/dong-gradient": {
        "0,5",  # cổng lúc khởi tạo: σ(0) = 0,5; đầu lưới ρ
        "1,5",
        "0,05",
        "20",
        "50",
        "100",
        "200",  # lưới tham số của phần tự khám phá: ρ từ 0,5 tới 1,5 bước 0,05; T = 10, 20, 50, 100, 200
    },
}


def _pages():
    out = [(page_id(p), p.read_text(encoding="utf-8")) for p in pages()]
    notebook = DOCS / "notebooks" / "dong-gradient.py"
    return out + [("notebooks/dong-gradient", notebook_markdown(notebook))]


PAGES = _pages()


def _decimal_points(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if DECIMAL_POINT.search(line)]


def test_checks_can_fail():
    prose, math = prose_and_math("Tỉ số 0.93 ở \\(\\rho = 0.9\\); `lr=0.01` là mã. Đo được <!-- rnnlab:value a b -->.")
    assert _decimal_points(prose) == ["Tỉ số 0.93 ở  ∎ ;   là mã. Đo được ⟨số đo⟩."]
    assert _decimal_points(math) == ["\\(\\rho = 0.9\\)"]
    assert NUMBER.findall(prose) == ["0.93"]  # con số đo được (dấu rnnlab:value) không bị tính


@pytest.mark.parametrize("name,text", PAGES, ids=[name for name, _ in PAGES])
def test_prose_and_math_use_decimal_comma(name, text):
    prose, math = prose_and_math(text)
    bad = _decimal_points(prose) + _decimal_points(math)
    assert not bad, f"docs/{name}: dùng dấu phẩy thập phân (0,9; trong công thức 0{{,}}9):\n" + "\n".join(bad)


@pytest.mark.parametrize("name,text", PAGES, ids=[name for name, _ in PAGES])
def test_typed_numbers_are_on_the_allowlist(name, text):
    prose, _ = prose_and_math(text)
    allowed = YEARS | SMALL | ALLOWED.get(name, set())
    found = {n for n in NUMBER.findall(prose)}
    extra = sorted(found - allowed, key=lambda s: (len(s), s))
    assert not extra, (
        f"docs/{name}: con số gõ tay {extra}. Số đo được thì dùng <!-- rnnlab:value ... --> (và một kiểm thử "
        f"khẳng định điều câu chữ nói); số thiết lập thì thêm vào ALLOWED trong {__file__.split('/')[-1]}."
    )
    unused = sorted(ALLOWED.get(name, set()) - found)
    assert not unused, f"docs/{name}: {unused} không còn trên trang; bỏ khỏi ALLOWED cho danh sách ngắn gọn"


def _run_snippets() -> list[str]:
    found = set()
    for path in [*DOCS.rglob("*.md")]:
        if path.name == "dong-gop.md":  # trang hướng dẫn: dấu rnnlab chỉ để minh hoạ cú pháp
            continue
        for m in figures.scan(path.read_text(encoding="utf-8"), str(path)):
            if m.kind == "run":
                found.add(m.path)
    return sorted(found)


@pytest.mark.parametrize("snippet", _run_snippets())
def test_printed_output_uses_decimal_comma(run_snippet, snippet):
    result = run_snippet(snippet)
    bad = _decimal_points(result.stdout)
    assert not bad, f"{snippet} in dấu chấm thập phân (dùng rnnlab.vi.number):\n" + "\n".join(bad)


def test_every_snippet_file_with_prints_is_covered():
    """Mọi snippet mà một trang chạy đều được kiểm tra ở trên (danh sách không rỗng, đường dẫn có thật)."""
    snippets = _run_snippets()
    assert len(snippets) >= 15
    assert all((ROOT / s).is_file() for s in snippets)
