"""Phần chung của các kiểm thử trang web: một lần dựng trang cho cả phiên kiểm thử."""

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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Build:
    """Trang dựng một lần (nghiêm ngặt) vào thư mục tạm, dùng chung bộ nhớ đệm snippet với kiểm thử."""
    build = mkdocs_build(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("site") / "site")
    if build.returncode != 0:
        pytest.fail(f"mkdocs build --strict thất bại:\n{build.output[-6000:]}", pytrace=False)
    return build
