"""Chạy một snippet trong một tiến trình riêng và giữ lại mọi thứ nó tạo ra, có bộ nhớ đệm.

Dùng chung cho hook dựng trang (hình và "Kết quả" dưới mỗi snippet) và cho kiểm thử (khẳng định
trên các con số snippet tính ra), nên mỗi snippet chỉ chạy một lần cho cả hai.

Một snippet là một tệp Python chạy được một mình: chép riêng nó vào một thư mục trống, cài rnnlab, rồi
``python y.py``. Bộ chạy chạy nó đúng như thế (``_run_alone``), nên mỗi lần dựng trang cũng là một lần
kiểm tra điều đó cho mọi snippet. Nó vẽ bằng
matplotlib.pyplot, gọi ``plt.show()`` ở cuối, in kết quả, và để các con số chính trong biến
toàn cục (ví dụ ``accuracy = 0.93``). Sau khi chạy, ta lưu:

- ``stdout``: những gì snippet in ra;
- ``figures``: mọi hình còn mở, theo thứ tự số hình, dạng SVG (PNG nếu SVG quá nặng);
- ``titles``: tiêu đề của từng hình (``suptitle`` hoặc tiêu đề các trục), dùng làm chữ thay thế (alt);
- ``values``: các biến toàn cục kiểu số, chuỗi, bool (và list/tuple/dict của chúng),
  tensor hoặc mảng numpy một phần tử đổi sang số Python;
- ``seconds``: thời gian chạy.

Khoá bộ nhớ đệm là hash của snippet và ``deps_hash()``: mã nguồn (và dữ liệu) của rnnlab, tệp này,
``_exec.py``, và phiên bản torch, matplotlib, numpy. Thư mục đệm mặc định là ``.cache/snippets``;
biến môi trường ``RNNLAB_CACHE_DIR`` đổi gốc ``.cache`` (dùng cho đo thời gian dựng từ đầu).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE_ROOT = Path(os.environ.get("RNNLAB_CACHE_DIR") or ROOT / ".cache").resolve()
CACHE = CACHE_ROOT / "snippets"
SNIPPETS = "snippets/"  # thư mục của các snippet, tính từ gốc repo
SVG_LIMIT = 600_000  # byte; hình SVG nặng hơn được lưu thành PNG
TIMEOUT = 300  # giây cho một snippet


class SnippetError(RuntimeError):
    """Một snippet chạy lỗi: thông báo gồm tên snippet và traceback của nó."""


@contextlib.contextmanager
def file_lock(path: Path):
    """Khoá giữa các tiến trình (bản dựng, ``mkdocs serve``, các worker của pytest) trên tệp ``path``.

    Không có ``fcntl`` (Windows) thì không khoá: chỉ mất phần tránh chạy trùng.
    """
    try:
        import fcntl
    except ImportError:
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def write_atomic(path: Path, content: str | bytes) -> None:
    """Ghi ``content`` (chữ UTF-8 hay byte) vào ``path`` qua một tệp tạm rồi đổi tên: tiến trình khác không bao
    giờ đọc phải tệp ghi dở."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.tmp{os.getpid()}")
    tmp.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    os.replace(tmp, path)


@dataclasses.dataclass
class SnippetResult:
    path: str
    stdout: str
    figures: list  # [(tên tệp, bytes)]
    values: dict
    seconds: float
    cached: bool = False
    titles: list = dataclasses.field(default_factory=list)  # tiêu đề từng hình ("" nếu không có)


@functools.cache
def _versions() -> str:
    import importlib.metadata as md

    out = []
    for pkg in ("torch", "matplotlib", "numpy"):
        try:
            out.append(f"{pkg}={md.version(pkg)}")
        except md.PackageNotFoundError:
            out.append(f"{pkg}=?")
    return ";".join(out)


def deps_hash() -> str:
    """Hash của mọi thứ một snippet dựa vào ngoài chính nó: rnnlab (mã và dữ liệu), bộ chạy, phiên bản.

    Bản dựng trang cũng dùng nó làm khoá cho bộ nhớ đệm của sổ tay (mkdocs-jupyter không tự thấy
    khi mã được import thay đổi).
    """
    h = hashlib.sha256()
    here = Path(__file__).resolve().parent
    # dòng lệnh (cli.py, __main__.py) không snippet nào dùng: sửa nó không cần chạy lại mọi snippet
    skip = {ROOT / "rnnlab" / "cli.py", ROOT / "rnnlab" / "__main__.py"}
    sources = sorted(p for p in (ROOT / "rnnlab").rglob("*") if p.is_file() and p.suffix != ".pyc" and p not in skip)
    for src in sources + [here / "runner.py", here / "_exec.py"]:
        h.update(src.relative_to(ROOT).as_posix().encode())
        h.update(src.read_bytes())
    h.update(_versions().encode())
    return h.hexdigest()[:24]


def cache_key(path: Path, deps: str | None = None) -> str:
    """Khoá đệm của snippet ``path``; ``deps`` là ``deps_hash()`` nếu đã tính sẵn."""
    h = hashlib.sha256()
    h.update(Path(path).read_bytes())
    h.update((deps or deps_hash()).encode())
    return h.hexdigest()[:24]


def _display(full: Path) -> str:
    """Đường dẫn để hiển thị: tương đối với gốc repo nếu nằm trong repo."""
    try:
        return full.relative_to(ROOT).as_posix()
    except ValueError:
        return full.as_posix()


def under_snippets(rel: str) -> str:
    """``snippets/gradient/x.py`` → ``gradient/x.py``; đường dẫn khác chỉ bỏ ``/`` ở đầu (``/tmp/x.py`` → ``tmp/x.py``).

    Một chỗ duy nhất biết tiền tố ``snippets/``: tên thư mục đệm, đường dẫn hình trong trang web.
    """
    return rel[len(SNIPPETS) :] if rel.startswith(SNIPPETS) else rel.strip("/")


def _slot(rel: str) -> str:
    """Tên thư mục đệm của một snippet (không kể khoá): ``snippets/gradient/x.py`` → ``gradient__x``."""
    return under_snippets(rel).removesuffix(".py").replace("/", "__")


def is_cached(path, deps: str | None = None) -> bool:
    """Snippet ``path`` đã có kết quả trong bộ nhớ đệm chưa (``run_snippet`` sẽ không phải chạy nó)."""
    full = Path(path) if Path(path).is_absolute() else ROOT / path
    if not full.is_file():
        return False
    return (CACHE / f"{_slot(_display(full))}-{cache_key(full, deps)}" / "result.json").is_file()


# Chạy _exec.py bằng -c: sys.path[0] là thư mục làm việc (chỉ có bản chép của snippet), như `python x.py`
# của người đọc đặt thư mục của x.py lên đầu sys.path; -m hooks._exec sẽ đặt gốc repo ở đó.
_BOOT = "import runpy, sys; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')"


def _run_alone(full: Path, out_dir: Path) -> subprocess.CompletedProcess:
    """Chạy snippet như người đọc chép nó về: một mình trong một thư mục trống, chỉ thấy rnnlab.

    Thư mục làm việc chỉ có bản chép của snippet; ``PYTHONPATH`` chỉ có ``rnnlab`` (liên kết tới mã nguồn
    trong repo). Snippet import một tệp bên cạnh, một thư mục khác của repo (``hooks``, ``snippets``…) hay
    đọc một tệp của repo thì hỏng ở đây, ngay trong bản dựng. Traceback ghi lại đường dẫn trong repo.
    """
    with tempfile.TemporaryDirectory(prefix="rnnlab-snippet-") as alone:
        alone = Path(alone)
        lib, work = alone / "lib", alone / "chay"
        lib.mkdir()
        work.mkdir()
        (lib / "rnnlab").symlink_to(ROOT / "rnnlab", target_is_directory=True)
        copy = work / full.name
        shutil.copyfile(full, copy)
        # PYTHONDONTWRITEBYTECODE: không ghi rnnlab/__pycache__, vốn làm `mkdocs serve` (theo dõi rnnlab/) dựng lại
        env = dict(os.environ, MPLBACKEND="Agg", PYTHONHASHSEED="0", PYTHONPATH=str(lib), PYTHONDONTWRITEBYTECODE="1")
        # bản dựng chạy nhiều snippet song song: mỗi snippet một luồng để chúng không tranh nhau CPU
        env.setdefault("OMP_NUM_THREADS", "1")
        proc = subprocess.run(
            [sys.executable, "-c", _BOOT, str(ROOT / "hooks" / "_exec.py"), str(copy), str(out_dir), str(SVG_LIMIT)],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
    proc.stderr = proc.stderr.replace(str(copy), _display(full)).replace(str(lib), str(ROOT))
    return proc


def run_snippet(path, use_cache: bool = True, deps: str | None = None) -> SnippetResult:
    """Chạy ``path`` (tương đối với gốc repo hoặc tuyệt đối) và trả về ``SnippetResult``.

    ``deps``: ``deps_hash()`` đã tính sẵn (bản dựng trang tính một lần cho mọi snippet).
    """
    path = Path(path)
    full = path if path.is_absolute() else ROOT / path
    rel = _display(full)
    if not full.is_file():
        raise SnippetError(f"Không tìm thấy snippet {rel}.")
    slot = _slot(rel)
    # hai tiến trình cần cùng snippet (bản dựng và một worker kiểm thử): một chạy, một chờ rồi đọc bộ nhớ đệm
    with file_lock(CACHE / f"{slot}.lock"):
        return _run_cached(full, rel, slot, use_cache, deps)


def _run_cached(full: Path, rel: str, slot: str, use_cache: bool, deps: str | None) -> SnippetResult:
    out_dir = CACHE / f"{slot}-{cache_key(full, deps)}"
    record = out_dir / "result.json"
    if use_cache and record.is_file():
        return _load(rel, out_dir, cached=True)

    tmp = out_dir.with_name(out_dir.name + f".tmp{os.getpid()}")
    tmp.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    proc = _run_alone(full, tmp)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        raise SnippetError(f"Snippet {rel} chạy lỗi (mã thoát {proc.returncode}):\n{proc.stderr.strip()}")
    meta = json.loads((tmp / "meta.json").read_text())
    meta["stdout"], meta["seconds"] = proc.stdout, seconds
    (tmp / "meta.json").unlink()
    (tmp / "result.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True))
    if out_dir.exists():
        shutil.rmtree(out_dir)
    tmp.rename(out_dir)
    # Bỏ các bản đệm cũ của cùng snippet (nội dung trước khi sửa), để .cache không phình mãi.
    for old in CACHE.glob(f"{slot}-*"):
        if old != out_dir and old.name[len(slot) + 1 :].isalnum():
            shutil.rmtree(old, ignore_errors=True)
    return _load(rel, out_dir, cached=False)


def _load(rel: str, out_dir: Path, cached: bool) -> SnippetResult:
    meta = json.loads((out_dir / "result.json").read_text())
    figures = [(name, (out_dir / name).read_bytes()) for name in meta["figures"]]
    titles = meta.get("titles") or [""] * len(figures)
    return SnippetResult(rel, meta["stdout"], figures, meta["values"], meta["seconds"], cached, titles)
