"""Phần chung của các kiểm thử trang web: một lần dựng trang cho cả phiên kiểm thử.

- ``built_site``: trang dựng một lần (``mkdocs build --strict``, như ``./dev build``) cho cả phiên. Mặc định
  vào một thư mục tạm; biến môi trường ``RNNLAB_SITE_DIR`` đặt thư mục đích (CI: ``site/``, để bước
  tải trang lên dùng đúng bản dựng mà kiểm thử đã xem, không dựng lần thứ hai). ``RNNLAB_MKDOCS_CONFIG``
  thay mkdocs.yml (kiểm thử của chính fixture này dựng một trang hỏng).
- Bản dựng hỏng: kiểm thử đầu tiên cần nó thất bại với các dòng lỗi rồi nhật ký; các kiểm thử sau bỏ qua
  (không in lại cùng nhật ký mười lần).
- Kiểm thử nào dùng ``built_site`` tự được đánh dấu ``slow`` (``-m "not slow"`` bỏ qua nó).
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


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
        if "built_site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


def failure_report(build: Build) -> str:
    """Các dòng lỗi/cảnh báo trước (chúng là nguyên nhân), rồi phần cuối nhật ký; bỏ dòng "Aborted…" của MkDocs."""
    lines = build.output.splitlines()
    problems = [line for line in lines if line.startswith(("ERROR", "WARNING"))]
    tail = "\n".join(line for line in lines[-80:] if not line.startswith("Aborted"))
    head = "\n".join(problems) or "(MkDocs không in dòng ERROR/WARNING nào)"
    return f"mkdocs build --strict thất bại (mã thoát {build.returncode}).\n\nLỗi:\n{head}\n\nCuối nhật ký:\n{tail}"


_failed_in: list[str] = []  # kiểm thử đã báo bản dựng hỏng


@pytest.fixture(scope="session")
def site_build(tmp_path_factory) -> Build:
    """Lần dựng duy nhất của phiên (không tự thất bại: ``built_site`` quyết định ai báo lỗi)."""
    target = os.environ.get("RNNLAB_SITE_DIR")
    site = ROOT / target if target else tmp_path_factory.mktemp("site") / "site"
    return mkdocs_build(Path(os.environ.get("RNNLAB_MKDOCS_CONFIG") or ROOT / "mkdocs.yml"), site)


@pytest.fixture
def built_site(site_build, request) -> Build:
    """Trang dựng một lần (nghiêm ngặt), dùng chung bộ nhớ đệm snippet với kiểm thử."""
    if site_build.returncode != 0:
        if _failed_in:
            pytest.skip(f"bản dựng trang thất bại; nhật ký ở {_failed_in[0]}")
        _failed_in.append(request.node.nodeid)
        pytest.fail(failure_report(site_build), pytrace=False)
    return site_build
