"""Hook MkDocs: dữ liệu và khung HTML cho trình khám phá dòng gradient (trang Minh họa dòng gradient).

Trình khám phá vẽ ‖∂L/∂h_t‖ theo t (thang log) cho loại ô, ρ và T người đọc chọn. Không có gì được
tính trong trình duyệt: mọi đường cong được tính lúc dựng trang bằng đúng các hàm của ``rnnlab`` vẽ các
hình tĩnh trên trang:

- lưới ``W_hh = ρ·Q``: ``rnnlab.experiments.flow.flow_curve`` với tham số của hình tĩnh (RNN tuyến
  tính như ``linear_flow``: H = 16, một chuỗi; RNN tanh như ``tanh_flow``: H = 32, 8 chuỗi; LSTM và
  GRU cùng H = 32, 8 chuỗi), mọi ρ trong ``RHOS`` và mọi T trong ``LENGTHS``;
- bài toán cộng, lúc khởi tạo và sau huấn luyện: các đường ``flow_seed0`` mà snippet
  ``snippets/gradient/adding_short.py`` và ``adding_long_*.py`` đo trên đúng các mô hình nó huấn luyện (lấy từ bộ nhớ đệm
  của snippet, không huấn luyện lại).

Dữ liệu nằm trong một tệp ``javascripts/explorer-data.js`` (gán biến toàn cục ``RNNLAB_FLOW``, nên
trang mở bằng ``file://`` cũng đọc được): log10 của chuẩn, lượng tử hoá theo ``UNIT`` thập phân
(sai số tương đối ≤ 1,2·10⁻⁴, tức đúng 3 chữ số có nghĩa), mỗi đường lưu giá trị đầu rồi các hiệu
liên tiếp. Phần lưới được lưu đệm ở ``.cache/explorer/`` theo khoá là hash của rnnlab
(``runner.deps_hash()``) và của tệp này.

Trong trang, dòng ``<div data-rnnlab-explorer></div>`` được thay bằng khung của trình khám phá; mã vẽ
là ``docs/javascripts/explorer.js`` (JavaScript thuần, SVG), chỉ tải trên trang đó; nó tải tệp dữ liệu
khi khung sắp hiện ra trên màn hình, không phải lúc mở trang. Không có
JavaScript thì khung điều khiển ẩn đi và trang vẫn có các hình tĩnh. Dữ liệu thiếu hay hỏng (tệp đệm,
biến của snippet, tệp mã vẽ): bản dựng dừng với thông báo nói rõ tệp nào và cách sửa.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hooks import runner  # noqa: E402

VERSION = 1
UNIT = 1e-4  # một đơn vị lượng tử = 10⁻⁴ thập phân của log10 ‖∂L/∂h_t‖
RHOS = [round(0.5 + 0.05 * k, 2) for k in range(21)]  # 0,50 … 1,50
LENGTHS = [10, 20, 50, 100, 200]
# khoá: (nhãn, loại ô của rnnlab, hàm kích hoạt, số nút ẩn H, số chuỗi B), như các hình tĩnh
CELLS = {
    "linear": ("RNN tuyến tính", "rnn", "identity", 16, 1),
    "tanh": ("RNN tanh", "rnn", "tanh", 32, 8),
    "lstm": ("LSTM", "lstm", "tanh", 32, 8),
    "gru": ("GRU", "gru", "tanh", 32, 8),
}
# bài toán cộng: T = 10 (ba loại ô trong một snippet) và T = 50 (mỗi loại ô một snippet)
ADDING_SNIPPETS = [
    "snippets/gradient/adding_short.py",
    "snippets/gradient/adding_long_rnn.py",
    "snippets/gradient/adding_long_lstm.py",
    "snippets/gradient/adding_long_gru.py",
]
ADDING_SNIPPET = ", ".join(ADDING_SNIPPETS)  # tên dùng trong thông báo lỗi
ADDING_VARIABLE = "flow_seed0"  # {"rnn_50": {"init": [...], "trained": [...], "steps": n}, ...}
ADDING_CELLS = {"tanh": "rnn", "lstm": "lstm", "gru": "gru"}  # khoá của trình khám phá → loại ô của snippet
DATA_URI = "javascripts/explorer-data.js"
CODE_URI = "javascripts/explorer.js"
STYLE_URI = "stylesheets/explorer.css"
PLACEHOLDER = "<div data-rnnlab-explorer></div>"
GLOBAL = "RNNLAB_FLOW"
CACHE = runner.CACHE_ROOT / "explorer"


class DataError(ValueError):
    """Dữ liệu của trình khám phá thiếu hoặc hỏng."""


# --- tính và mã hoá ---------------------------------------------------------------------------------


def quantise(values) -> list[int | None]:
    """Chuẩn (số dương) → log10 lượng tử theo ``UNIT``; 0, âm, NaN, vô cùng → None."""
    out = []
    for v in values:
        v = float(v)
        out.append(round(math.log10(v) / UNIT) if v > 0 and math.isfinite(v) else None)
    return out


def delta_encode(q: list[int]) -> list[int]:
    """[q₁, q₂ − q₁, q₃ − q₂, …]: các hiệu gần như không đổi nên gzip nén rất tốt."""
    return [q[0]] + [b - a for a, b in zip(q, q[1:])]


def delta_decode(d: list[int]) -> list[int]:
    out, total = [], 0
    for k, x in enumerate(d):
        total = x if k == 0 else total + x
        out.append(total)
    return out


def grid_curve(key: str, rho: float, seq_len: int) -> list[float]:
    """‖∂L/∂h_t‖ (t = 1..T) của một ô của lưới, bằng ``flow_curve`` của rnnlab (float64, ‖∂L/∂h_T‖ = 1)."""
    from rnnlab.experiments.flow import flow_curve

    _, cell, nonlinearity, hidden, batch = CELLS[key]
    r = flow_curve(cell, rho, seq_len, hidden, nonlinearity, batch_size=batch, seed=0)
    return [float(v) for v in r["measured"]]


def compute_grid() -> dict:
    """{khoá ô: [[đường đã mã hoá cho từng T] cho từng ρ]}; vài giây trên một lõi CPU."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # ma trận nhỏ: một luồng nhanh hơn, và kết quả không đổi theo máy
    try:
        grid = {}
        for key in CELLS:
            rows = []
            for rho in RHOS:
                row = []
                for T in LENGTHS:
                    q = quantise(grid_curve(key, rho, T))
                    if any(v is None for v in q):
                        raise DataError(f"{key}, ρ = {rho}, T = {T}: có chuẩn gradient bằng 0 hoặc không hữu hạn.")
                    row.append(delta_encode(q))
                rows.append(row)
            grid[key] = rows
        return grid
    finally:
        torch.set_num_threads(threads)


def grid_key() -> str:
    h = hashlib.sha256()
    h.update(runner.deps_hash().encode())
    h.update(Path(__file__).read_bytes())
    return h.hexdigest()[:24]


def cached_grid(cache: Path = CACHE) -> dict:
    """Lưới từ bộ nhớ đệm (theo nội dung), hoặc tính rồi lưu. Tệp đệm hỏng: ``DataError``."""
    path = cache / f"grid-{grid_key()}.json"
    if path.is_file():
        try:
            grid = json.loads(path.read_text(encoding="utf-8"))
            check_grid(grid)
        except (ValueError, TypeError, KeyError, IndexError) as e:
            raise DataError(
                f"Tệp dữ liệu {path} của trình khám phá bị hỏng ({e}). Xoá nó (hoặc cả thư mục {cache}) "
                f"rồi dựng lại để tính lại."
            ) from None
        return grid
    grid = compute_grid()
    check_grid(grid)
    cache.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    tmp.write_text(json.dumps(grid, separators=(",", ":")), encoding="utf-8")
    tmp.rename(path)
    for old in cache.glob("grid-*.json"):  # bản đệm của mã cũ
        if old != path:
            old.unlink(missing_ok=True)
    return grid


def adding_curves(values: dict) -> dict:
    """Các đường của bài toán cộng từ biến ``flow_seed0`` của snippet, chia cho giá trị ở bước cuối."""
    if ADDING_VARIABLE not in values:
        raise DataError(
            f"snippet {ADDING_SNIPPET} không có biến {ADDING_VARIABLE} (các đường dòng gradient của bài toán "
            f"cộng mà trình khám phá vẽ lại)."
        )
    raw = values[ADDING_VARIABLE]
    out: dict = {}
    for key, cell in ADDING_CELLS.items():
        for T in sorted({int(name.split("_")[1]) for name in raw if name.startswith(cell + "_")}):
            entry = raw[f"{cell}_{T}"]
            curves = {}
            for when in ("init", "trained"):
                f = [float(v) for v in entry[when]]
                if len(f) != T or not (f[-1] > 0):
                    raise DataError(f"{ADDING_VARIABLE}[{cell}_{T}][{when}] phải có {T} chuẩn, chuẩn cuối dương.")
                curves[when] = quantise([v / f[-1] for v in f])
            curves["steps"] = int(entry["steps"])
            out.setdefault(key, {})[str(T)] = curves
    if not out:
        raise DataError(f"biến {ADDING_VARIABLE} của snippet {ADDING_SNIPPET} không có đường nào.")
    return out


def check_grid(grid: dict) -> None:
    """Kiểm tra hình dạng của lưới; sai thì ``DataError`` nói chỗ sai."""
    if not isinstance(grid, dict) or set(grid) != set(CELLS):
        raise DataError(f"lưới phải có đúng các ô {', '.join(CELLS)}")
    for key, rows in grid.items():
        if len(rows) != len(RHOS):
            raise DataError(f"ô {key}: cần {len(RHOS)} giá trị ρ, có {len(rows)}")
        for rho, row in zip(RHOS, rows):
            if len(row) != len(LENGTHS):
                raise DataError(f"ô {key}, ρ = {rho}: cần {len(LENGTHS)} độ dài T, có {len(row)}")
            for T, curve in zip(LENGTHS, row):
                if len(curve) != T or not all(isinstance(v, int) for v in curve):
                    raise DataError(f"ô {key}, ρ = {rho}, T = {T}: cần {T} số nguyên")


def build_data(grid: dict, adding: dict) -> dict:
    return {
        "version": VERSION,
        "unit": UNIT,
        "rhos": RHOS,
        "lengths": LENGTHS,
        "cells": {key: label for key, (label, *_) in CELLS.items()},
        "grid": grid,
        "adding": adding,
    }


def to_js(data: dict) -> str:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        f"// Dữ liệu của trình khám phá dòng gradient, sinh lúc dựng trang bởi hooks/explorer.py. Đừng sửa tay.\n"
        f"window.{GLOBAL} = {body};\n"
    )


def from_js(text: str) -> dict:
    """Ngược của ``to_js`` (cho kiểm thử và để kiểm tra tệp sinh ra)."""
    start = text.index(f"window.{GLOBAL} = ") + len(f"window.{GLOBAL} = ")
    return json.loads(text[start:].rstrip().rstrip(";"))


def decode(data: dict, cell: str, rho: float, seq_len: int) -> list[float]:
    """Đường ‖∂L/∂h_t‖ (t = 1..T) của lưới, giải mã như ``explorer.js`` làm."""
    i, j = data["rhos"].index(rho), data["lengths"].index(seq_len)
    return [10 ** (q * data["unit"]) for q in delta_decode(data["grid"][cell][i][j])]


def decode_adding(data: dict, cell: str, seq_len: int, when: str) -> list[float | None]:
    q = data["adding"][cell][str(seq_len)][when]
    return [None if v is None else 10 ** (v * data["unit"]) for v in q]


# --- khung HTML -----------------------------------------------------------------------------------


def _options(pairs) -> str:
    return "".join(f'<option value="{html.escape(str(v))}">{html.escape(label)}</option>' for v, label in pairs)


def widget_html(page_url: str) -> str:
    """Khung của trình khám phá (điều khiển ẩn cho tới khi explorer.js chạy); thẻ tải mã: ``asset_tags``."""
    cells = _options((k, label) for k, (label, *_) in CELLS.items())
    return f"""<div class="rnnlab-kp" id="trinh-kham-pha">
<noscript><p class="rnnlab-kp__noscript">Trình khám phá cần JavaScript. Không có nó, các hình vẽ lúc dựng trang
ở các mục trên cho cùng số đo với những giá trị ρ và T đã chọn sẵn.</p></noscript>
<form class="rnnlab-kp__form" hidden>
<div class="rnnlab-kp__field">
<label for="kp-cell">Loại ô</label>
<select id="kp-cell" name="cell">{cells}</select>
</div>
<div class="rnnlab-kp__field">
<label for="kp-source">Trọng số</label>
<select id="kp-source" name="source">
<option value="grid">W_hh = ρ·Q (Q trực giao)</option>
<option value="init">bài toán cộng, lúc khởi tạo</option>
<option value="trained">bài toán cộng, sau huấn luyện</option>
</select>
</div>
<div class="rnnlab-kp__field">
<label for="kp-rho">ρ (hệ số nhân của W_hh)</label>
<input type="range" id="kp-rho" name="rho" min="{RHOS[0]}" max="{RHOS[-1]}" step="0.05" value="0.9">
<input type="number" id="kp-rho-so" aria-label="ρ, gõ số" min="{RHOS[0]}" max="{RHOS[-1]}" step="0.05" value="0.9" inputmode="decimal">
</div>
<div class="rnnlab-kp__field">
<label for="kp-len">T (số bước thời gian)</label>
<input type="range" id="kp-len" name="len" min="0" max="{len(LENGTHS) - 1}" step="1" value="{LENGTHS.index(50)}">
<input type="number" id="kp-len-so" aria-label="T, gõ số" min="{LENGTHS[0]}" max="{LENGTHS[-1]}" step="1" value="50" inputmode="numeric">
</div>
</form>
<figure class="rnnlab-kp__figure" hidden>
<svg class="rnnlab-kp__svg" role="img" aria-labelledby="kp-title kp-out" viewBox="0 0 640 360" width="640" height="360"></svg>
<figcaption id="kp-title">Trình khám phá: ‖∂L/∂h_t‖ theo bước thời gian t, thang log; nét liền là số đo,
nét đứt là ρ^(T−t).</figcaption>
</figure>
<p><output id="kp-out" class="rnnlab-kp__out" for="kp-cell kp-source kp-rho kp-len" aria-live="polite"></output></p>
</div>"""


def asset_tags(page_url: str) -> tuple[str, str]:
    """Thẻ tải CSS (cho <head>) và mã (cuối <body>) của trình khám phá, đường dẫn tương đối từ trang.

    Chúng được gắn vào trang hoàn chỉnh (``on_post_page``), không vào nội dung: trang in (ban-in/) ghép
    nội dung của mọi trang ở một địa chỉ khác, nên đường dẫn tương đối ở đó sẽ sai.
    """

    def url(uri: str) -> str:
        return html.escape(get_relative_url(uri, page_url))

    head = f'<link rel="stylesheet" href="{url(STYLE_URI)}">'
    # explorer.js tự tải explorer-data.js (cùng thư mục) khi khung sắp hiện ra, nên trang chỉ trỏ tới mã vẽ.
    body = f'<script src="{url(CODE_URI)}" defer></script>'
    return head, body


# --- sự kiện MkDocs --------------------------------------------------------------------------------

_data_js: list[str] = []


def load_data() -> str:
    """Văn bản của ``explorer-data.js``: lưới (đệm) và các đường của bài toán cộng (từ snippet)."""
    try:
        grid = cached_grid()
        merged: dict = {}
        for path in ADDING_SNIPPETS:
            try:
                values = runner.run_snippet(ROOT / path).values
            except runner.SnippetError as e:
                raise PluginError(f"Trình khám phá dòng gradient cần kết quả của {path}:\n{e}") from None
            if ADDING_VARIABLE not in values:
                raise DataError(f"snippet {path} không có biến {ADDING_VARIABLE}")
            merged.update(values[ADDING_VARIABLE])
        data = build_data(grid, adding_curves({ADDING_VARIABLE: merged}))
    except DataError as e:
        raise PluginError(
            f"Không dựng được dữ liệu của trình khám phá dòng gradient (hooks/explorer.py): {e}"
        ) from None
    text = to_js(data)
    from_js(text)  # đọc lại được
    return text


def on_files(files, config):
    _data_js.clear()
    _explorer_pages.clear()
    pages = [f for f in files.documentation_pages() if f.src_uri.endswith(".md") and PLACEHOLDER in f.content_string]
    if not pages:
        return files
    for uri in (CODE_URI, STYLE_URI):
        if files.get_file_from_path(uri) is None:
            raise PluginError(
                f"Trang {pages[0].src_uri} có trình khám phá dòng gradient nhưng thiếu tệp docs/{uri} "
                f"(mã vẽ của nó); khôi phục tệp đó rồi dựng lại."
            )
    _data_js.append(load_data())
    files.append(File.generated(config, DATA_URI, content=_data_js[0].encode("utf-8")))
    return files


def on_page_content(html_text, page, config, files):
    if PLACEHOLDER not in html_text:
        return html_text
    if not _data_js:
        raise PluginError(f"{page.file.src_uri}: dữ liệu của trình khám phá dòng gradient chưa được tạo.")
    _explorer_pages.add(page.url)
    return html_text.replace(PLACEHOLDER, widget_html(page.url), 1)


_explorer_pages: set[str] = set()


def on_post_page(output, page, config):
    if page.url not in _explorer_pages:
        return output
    head, body = asset_tags(page.url)
    return output.replace("</head>", head + "\n</head>", 1).replace("</body>", body + "\n</body>", 1)
