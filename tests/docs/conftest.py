"""Phần chung của các kiểm thử trang web: một lần dựng trang cho cả phiên kiểm thử.

- ``built_site``: trang dựng một lần (``mkdocs build --strict``, như ``./dev build``) cho cả phiên. Mặc định
  vào một thư mục tạm; biến môi trường ``RNNLAB_SITE_DIR`` đặt thư mục đích (CI: ``site/``, để bước
  tải trang lên dùng đúng bản dựng mà kiểm thử đã xem, không dựng lần thứ hai). ``RNNLAB_MKDOCS_CONFIG``
  thay mkdocs.yml (kiểm thử của chính fixture này dựng một trang hỏng).
- Bản dựng hỏng: chỉ ``tests/docs/test_site_build.py::test_site_builds_strict`` thất bại, với các dòng
  lỗi trước rồi cuối nhật ký; mọi kiểm thử dùng ``built_site`` bỏ qua (không in lại cùng nhật ký mười lần).
  ``built_site`` giữ phạm vi phiên, để fixture phạm vi phiên khác (máy chủ HTTP, trình duyệt) dùng được nó.
- Kiểm thử nào dùng ``site_build``/``built_site`` tự được đánh dấu ``slow`` (``-m "not slow"`` bỏ qua nó).
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hooks import runner  # noqa: E402


@dataclasses.dataclass
class Build:
    site: Path  # thư mục trang đã dựng
    returncode: int
    output: str  # stdout + stderr của mkdocs

    def html_pages(self) -> list[Path]:
        return sorted(self.site.rglob("*.html"))


def mkdocs_build(config: Path, site: Path, **env) -> Build:
    """``mkdocs build --strict`` trong một tiến trình riêng, như người dùng gõ lệnh."""
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **env),
    )
    return Build(site, proc.returncode, proc.stdout + proc.stderr)


@pytest.fixture(scope="session")
def build_site():
    """Hàm dựng một trang bất kì: ``build_site(mkdocs.yml, thư mục đích, **biến môi trường)``."""
    return mkdocs_build


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "site_build" in getattr(item, "fixturenames", ()):  # built_site cũng dùng nó
            item.add_marker(pytest.mark.slow)


def failure_report(build: Build) -> str:
    """Các dòng lỗi/cảnh báo trước (chúng là nguyên nhân), rồi phần cuối nhật ký; bỏ dòng "Aborted…" của MkDocs."""
    lines = build.output.splitlines()
    problems = [line for line in lines if line.startswith(("ERROR", "WARNING"))]
    tail = "\n".join(line for line in lines[-80:] if not line.startswith("Aborted"))
    head = "\n".join(problems) or "(MkDocs không in dòng ERROR/WARNING nào)"
    return f"mkdocs build --strict thất bại (mã thoát {build.returncode}).\n\nLỗi:\n{head}\n\nCuối nhật ký:\n{tail}"


def require_success(build: Build) -> None:
    """Kiểm thử duy nhất báo bản dựng hỏng (tests/docs/test_site_build.py), với nhật ký đầy đủ."""
    if build.returncode != 0:
        pytest.fail(failure_report(build), pytrace=False)


@pytest.fixture(scope="session")
def site_build(tmp_path_factory, request) -> Build:
    """Lần dựng duy nhất của phiên; không tự thất bại (``require_success`` báo lỗi, một lần).

    Với nhiều worker (``./dev test`` chạy pytest-xdist), worker đầu tiên cần trang thì dựng, các worker khác
    chờ khoá rồi đọc kết quả: thư mục tạm gốc của phiên là chung cho mọi worker.
    """
    shared = tmp_path_factory.getbasetemp()
    if hasattr(request.config, "workerinput"):  # worker của xdist (không phải một pytest lồng trong nó)
        shared = shared.parent
    other_config = os.environ.get("RNNLAB_MKDOCS_CONFIG")
    # RNNLAB_SITE_DIR là nơi của trang thật (mkdocs.yml); một cấu hình khác không bao giờ dựng đè lên đó
    target = None if other_config else os.environ.get("RNNLAB_SITE_DIR")
    site = ROOT / target if target else shared / "site"
    record = shared / "site-build.json"
    with runner.file_lock(shared / "site-build.lock"):
        if record.is_file():
            done = json.loads(record.read_text(encoding="utf-8"))
            return Build(Path(done["site"]), done["returncode"], done["output"])
        build = mkdocs_build(Path(other_config or ROOT / "mkdocs.yml"), site)
        record.write_text(json.dumps({"site": str(build.site), "returncode": build.returncode, "output": build.output}))
        return build


@pytest.fixture(scope="session")
def built_site(site_build) -> Build:
    """Trang đã dựng (nghiêm ngặt), dùng chung bộ nhớ đệm snippet với kiểm thử. Bản dựng hỏng: bỏ qua."""
    if site_build.returncode != 0:
        first = next((line for line in site_build.output.splitlines() if line.startswith(("ERROR", "WARNING"))), "")
        pytest.skip(f"bản dựng trang thất bại ({first[:200]}); nhật ký đầy đủ ở test_site_builds_strict")
    return site_build


@pytest.fixture(scope="session")
def browser():
    """Một Chromium cho cả phiên kiểm thử (Playwright chỉ cho một vòng lặp đồng bộ mỗi tiến trình)."""
    from _browser import LAUNCH_ARGS, chromium_path, missing

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("chưa cài playwright (./dev setup)")
    if not Path(chromium_path()).exists():
        missing(f"không có Chromium ở {chromium_path()} (./dev setup cài gói chromium; hoặc đặt RNNLAB_CHROMIUM)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=LAUNCH_ARGS)
        yield b
        b.close()
