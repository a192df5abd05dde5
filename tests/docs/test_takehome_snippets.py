"""Snippet chạy được một mình, như người đọc chép nó về.

Hai nửa của một lời hứa:

- **Một mình.** Bộ chạy của bản dựng (``hooks/runner.py``, ``_run_alone``) chạy mọi snippet trong một thư mục
  trống chỉ có bản chép của nó, với ``rnnlab`` là thứ duy nhất của repo import được. Các kiểm thử ở đây chứng
  minh bộ chạy không để lọt gì khác (tệp bên cạnh, ``hooks``, tệp của repo), rồi khẳng định từng snippet chạy
  được qua chính bộ chạy đó (kết quả đệm của bản dựng).
- **Với wheel.** Wheel của rnnlab mang đủ mã và dữ liệu, khai báo mọi gói mà snippet và rnnlab import, và
  cài được vào một môi trường ảo mới từ địa chỉ http như trang cài đặt chỉ. Trong môi trường đó, mọi mô-đun
  rnnlab import được, dữ liệu đọc được, và một snippet chép một mình in đúng những gì trang in.

Môi trường ảo mới không tải gì: nó thấy các gói đã cài của môi trường kiểm thử qua một thư mục chỉ chứa
*bao đóng phụ thuộc* của wheel (các gói wheel khai báo trong Requires-Dist, rồi phụ thuộc của chúng...),
rồi ``pip install --no-index`` cài wheel. Một gói mà wheel không khai báo (ví dụ matplotlib) sẽ không có
trong môi trường đó.
"""

from __future__ import annotations

import ast
import concurrent.futures
import importlib.metadata as md
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from hooks import takehome, takehome_pdf  # noqa: E402

SNIPPETS = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "snippets").rglob("*.py"))


def wheel_requirements(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as z:
        meta = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
        text = z.read(meta).decode("utf-8")
    return [line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("Requires-Dist:")]


def dependency_closure(requirements: list[str]) -> dict[str, md.Distribution]:
    """Các gói đã cài ở đây mà ``pip install`` các ``requirements`` sẽ kéo theo (bỏ phần extra)."""
    found: dict[str, md.Distribution] = {}
    todo = list(requirements)
    while todo:
        req = Requirement(todo.pop())
        if req.marker is not None and not req.marker.evaluate({"extra": ""}):
            continue
        name = canonicalize_name(req.name)
        if name in found:
            continue
        try:
            dist = md.distribution(req.name)
        except md.PackageNotFoundError:
            pytest.fail(f"Môi trường kiểm thử thiếu {req.name}, phụ thuộc của wheel rnnlab.", pytrace=False)
        found[name] = dist
        todo += dist.requires or []
    return found


def shadow_site(dists: dict[str, md.Distribution], where: Path) -> Path:
    """Thư mục chỉ gồm liên kết tới các gói ``dists`` đã cài (mã và dist-info), không gì khác."""
    where.mkdir()
    for dist in dists.values():
        base = Path(dist.locate_file(""))
        tops = {Path(str(f)).parts[0] for f in dist.files or [] if not str(f).startswith("..")}
        for top in tops:
            if top.endswith(".pth") or top == "__pycache__" or not (base / top).exists():
                continue
            link = where / top
            if not link.exists():
                link.symlink_to(base / top)
    return where


@pytest.fixture(scope="module")
def reader_python(tmp_path_factory) -> Path:
    """Python của một môi trường ảo mới, ngoài repo, chỉ có wheel rnnlab và những gì wheel kéo theo."""
    tmp = tmp_path_factory.mktemp("nguoi-doc")
    wheel = takehome.build_wheel()
    requirements = wheel_requirements(wheel)
    shadow = shadow_site(dependency_closure(requirements), tmp / "phu-thuoc")
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(purelib) / "_phu_thuoc.pth").write_text(str(shadow) + "\n")
    env = clean_env()
    # như lệnh trên trang cài đặt: pip install <địa chỉ http của wheel> (ở đây một máy chủ tạm trên 127.0.0.1)
    with takehome_pdf.serve_directory(wheel.parent) as base:
        install = subprocess.run(
            [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-index", "--no-cache-dir"]
            + [base + wheel.name],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp,
        )
    assert install.returncode == 0, f"pip install {wheel.name} thất bại:\n{install.stdout}\n{install.stderr}"
    where = subprocess.run(
        [str(python), "-c", "import rnnlab; print(rnnlab.__file__)"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp,
    )
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).resolve().is_relative_to(venv.resolve()), (
        f"rnnlab được import từ {where.stdout.strip()}, không phải từ wheel vừa cài"
    )
    return python


def clean_env() -> dict[str, str]:
    """Môi trường của người đọc: không PYTHONPATH trỏ vào repo, không venv nào đang bật."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"}}
    env.update(MPLBACKEND="Agg", PIP_DISABLE_PIP_VERSION_CHECK="1", OMP_NUM_THREADS="1")
    return env


def run_alone(python: Path, snippet: Path, folder: Path) -> subprocess.CompletedProcess:
    """Chép ``snippet`` một mình vào thư mục trống ``folder`` và chạy nó ở đó bằng ``python``."""
    shutil.copy(snippet, folder / snippet.name)
    return subprocess.run(
        [str(python), snippet.name], cwd=folder, env=clean_env(), capture_output=True, text=True, timeout=600
    )


def failure(snippet: str, proc: subprocess.CompletedProcess) -> str | None:
    """Thông báo lỗi (tên snippet và traceback) nếu lần chạy hỏng; None nếu chạy được."""
    if proc.returncode == 0:
        return None
    return (
        f"Snippet {snippet}, chép một mình vào thư mục trống và chạy bằng Python có wheel rnnlab, "
        f"hỏng (mã thoát {proc.returncode}):\n{proc.stderr.strip()}"
    )


# Snippet chạy bằng wheel: snippet của trang chủ (nhanh). Các snippet khác chạy một mình qua bộ chạy của bản dựng.
WHEEL_SNIPPET = "snippets/co_ban/xin_chao.py"


@pytest.mark.slow
def test_snippet_alone_with_the_wheel_prints_what_the_page_prints(reader_python, tmp_path, run_snippet):
    proc = run_alone(reader_python, ROOT / WHEEL_SNIPPET, tmp_path)
    message = failure(WHEEL_SNIPPET, proc)
    if message:
        pytest.fail(message, pytrace=False)
    assert proc.stdout.strip() and proc.stdout == run_snippet(WHEEL_SNIPPET).stdout


@pytest.mark.slow
def test_every_rnnlab_module_imports_and_its_data_loads_from_the_wheel(reader_python, tmp_path):
    code = """
import importlib, pkgutil, rnnlab
names = [m.name for m in pkgutil.walk_packages(rnnlab.__path__, "rnnlab.") if m.name != "rnnlab.__main__"]
for name in names:
    importlib.import_module(name)
from rnnlab.datasets import sentiment, text
print(len(names), len(sentiment.load()), len(text.load_corpus()))
"""
    proc = subprocess.run(
        [str(reader_python), "-c", code], cwd=tmp_path, env=clean_env(), capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    modules, sentences, corpus = map(int, proc.stdout.split())
    assert modules >= 20 and sentences > 100 and corpus > 1000, proc.stdout


@pytest.mark.parametrize("snippet", SNIPPETS)
def test_snippet_runs_alone(snippet, run_snippet):
    """Từ bộ nhớ đệm của bản dựng (hoặc chạy ngay): bộ chạy luôn chạy snippet một mình trong thư mục trống."""
    run_snippet(snippet)  # SnippetError, kèm tên và traceback, nếu nó hỏng


def test_the_runner_lets_nothing_but_rnnlab_through(tmp_path):
    """Bộ chạy của bản dựng: tệp bên cạnh, các thư mục khác của repo, tệp của repo đều không tới được snippet."""
    from hooks import runner

    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "tep_ben_canh.py").write_text("gia_tri = 1\n", encoding="utf-8")
    cases = {
        "tep_ben_canh": ("from tep_ben_canh import gia_tri", "No module named 'tep_ben_canh'"),
        "hooks": ("import hooks.runner", "No module named 'hooks'"),
        "snippets": ("import snippets", "No module named 'snippets'"),
        "tep_repo": ("open('docs/_data/glossary.tsv')", "FileNotFoundError"),
    }

    def run(name: str) -> str:
        snippet = repo / f"dung_{name}.py"
        snippet.write_text(f"import os\n{cases[name][0]}\n", encoding="utf-8")
        with pytest.raises(runner.SnippetError) as caught:
            runner.run_snippet(snippet, use_cache=False)
        return str(caught.value)

    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        messages = dict(zip(cases, pool.map(run, cases)))
    for name, message in messages.items():
        assert cases[name][1] in message, message
        assert f'File "{repo / f"dung_{name}.py"}", line 2' in message, message  # tệp gốc, không phải bản chép
    ok = repo / "chi_rnnlab.py"
    ok.write_text("import os, rnnlab\nfiles = sorted(os.listdir('.'))\n", encoding="utf-8")
    assert runner.run_snippet(ok, use_cache=False).values["files"] == ["chi_rnnlab.py"]


@pytest.mark.slow
def test_a_snippet_that_fails_alone_is_reported_with_its_traceback(reader_python, tmp_path):
    """Snippet chỉ chạy được trong repo (import một tệp bên cạnh) hỏng khi chép một mình, và thông báo nói rõ."""
    broken = tmp_path / "repo" / "dung_tep_ben_canh.py"
    broken.parent.mkdir()
    broken.write_text("import rnnlab\nfrom tep_ben_canh import gia_tri\n", encoding="utf-8")
    (broken.parent / "tep_ben_canh.py").write_text("gia_tri = 1\n", encoding="utf-8")
    alone = tmp_path / "mot-minh"
    alone.mkdir()
    message = failure("snippets/x/dung_tep_ben_canh.py", run_alone(reader_python, broken, alone))
    assert message is not None
    assert "snippets/x/dung_tep_ben_canh.py" in message
    assert "Traceback" in message and "ModuleNotFoundError: No module named 'tep_ben_canh'" in message


def test_snippets_exist():
    assert len(SNIPPETS) >= 20, SNIPPETS


def third_party_imports(path: Path) -> set[str]:
    """Tên gói cấp cao nhất mà một snippet import, trừ thư viện chuẩn."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n != "__future__"}


def test_wheel_declares_every_package_snippets_and_rnnlab_import():
    """Nhanh, không cần dựng: mọi gói snippet và rnnlab import đều nằm trong bao đóng phụ thuộc của wheel."""
    wheel = takehome.build_wheel()
    closure = set(dependency_closure(wheel_requirements(wheel))) | {"rnnlab"}
    providers = md.packages_distributions()
    missing = {}
    package = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "rnnlab").rglob("*.py"))
    for rel in SNIPPETS + package:
        for module in third_party_imports(ROOT / rel):
            dists = {canonicalize_name(d) for d in providers.get(module, [module])}
            if not dists & closure:
                missing.setdefault(module, []).append(rel)
    assert not missing, f"Wheel rnnlab không kéo theo các gói mà snippet/rnnlab import: {missing}"


def test_wheel_holds_the_package_and_its_data():
    wheel = takehome.build_wheel()
    assert wheel.name == f"rnnlab-{takehome.versions()['rnnlab']}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
    sources = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "rnnlab").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }
    assert sources <= names, f"Wheel thiếu: {sorted(sources - names)}"
    assert not {n for n in names if n.startswith(("tests/", "snippets/", "hooks/", "docs/"))}
