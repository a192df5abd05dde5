"""Chạy một snippet trong một tiến trình riêng và giữ lại mọi thứ nó tạo ra, có bộ nhớ đệm.

Dùng chung cho hook dựng trang (hình và "Kết quả" dưới mỗi snippet) và cho kiểm thử (khẳng định
trên các con số snippet tính ra), nên mỗi snippet chỉ chạy một lần cho cả hai.

Một snippet là một tệp Python chạy được một mình (``python snippets/x/y.py``). Nó vẽ bằng
matplotlib.pyplot, gọi ``plt.show()`` ở cuối, in kết quả, và để các con số chính trong biến
toàn cục (ví dụ ``accuracy = 0.93``). Sau khi chạy, ta lưu:

- ``stdout``: những gì snippet in ra;
- ``figures``: mọi hình còn mở, theo thứ tự số hình, dạng SVG (PNG nếu SVG quá nặng);
- ``values``: các biến toàn cục kiểu số, chuỗi, bool (và list/tuple/dict của chúng),
  tensor hoặc mảng numpy một phần tử đổi sang số Python;
- ``seconds``: thời gian chạy.

Khoá bộ nhớ đệm là hash của snippet, mã nguồn rnnlab, tệp này, và phiên bản torch, matplotlib.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "snippets"
SVG_LIMIT = 600_000  # byte; hình SVG nặng hơn được lưu thành PNG
TIMEOUT = 300  # giây cho một snippet


class SnippetError(RuntimeError):
    """Một snippet chạy lỗi: thông báo gồm tên snippet và traceback của nó."""


@dataclasses.dataclass
class SnippetResult:
    path: str
    stdout: str
    figures: list  # [(tên tệp, bytes)]
    values: dict
    seconds: float
    cached: bool = False


def _versions() -> str:
    import importlib.metadata as md

    out = []
    for pkg in ("torch", "matplotlib", "numpy"):
        try:
            out.append(f"{pkg}={md.version(pkg)}")
        except md.PackageNotFoundError:
            out.append(f"{pkg}=?")
    return ";".join(out)


def cache_key(path: Path) -> str:
    h = hashlib.sha256()
    h.update(path.read_bytes())
    for src in sorted((ROOT / "rnnlab").rglob("*.py")) + [Path(__file__)]:
        h.update(src.relative_to(ROOT).as_posix().encode())
        h.update(src.read_bytes())
    for data in sorted((ROOT / "rnnlab").rglob("*")):
        if data.is_file() and data.suffix not in (".py", ".pyc"):
            h.update(data.relative_to(ROOT).as_posix().encode())
            h.update(data.read_bytes())
    h.update(_versions().encode())
    return h.hexdigest()[:24]


def run_snippet(path, use_cache: bool = True) -> SnippetResult:
    """Chạy ``path`` (tương đối với gốc repo hoặc tuyệt đối) và trả về ``SnippetResult``."""
    path = Path(path)
    full = path if path.is_absolute() else ROOT / path
    rel = full.relative_to(ROOT).as_posix()
    if not full.is_file():
        raise SnippetError(f"Không tìm thấy snippet {rel}.")
    out_dir = CACHE / f"{full.stem}-{cache_key(full)}"
    record = out_dir / "result.json"
    if use_cache and record.is_file():
        return _load(rel, out_dir, cached=True)

    tmp = out_dir.with_name(out_dir.name + f".tmp{os.getpid()}")
    tmp.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONHASHSEED="0", PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "hooks._exec", str(full), str(tmp)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=TIMEOUT,
    )
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SnippetError(f"Snippet {rel} chạy lỗi (mã thoát {proc.returncode}):\n{proc.stderr.strip()}")
    meta = json.loads((tmp / "meta.json").read_text())
    meta["stdout"], meta["seconds"] = proc.stdout, seconds
    (tmp / "meta.json").unlink()
    (tmp / "result.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True))
    if out_dir.exists():
        import shutil

        shutil.rmtree(out_dir)
    tmp.rename(out_dir)
    return _load(rel, out_dir, cached=False)


def _load(rel: str, out_dir: Path, cached: bool) -> SnippetResult:
    meta = json.loads((out_dir / "result.json").read_text())
    figures = [(name, (out_dir / name).read_bytes()) for name in meta["figures"]]
    return SnippetResult(rel, meta["stdout"], figures, meta["values"], meta["seconds"], cached)
