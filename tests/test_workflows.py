"""Kiểm tra các workflow GitHub Actions trong ``.github/workflows/`` (không cần mạng).

- Mỗi workflow hợp lệ theo lược đồ workflow của GitHub (``check-jsonschema``, lược đồ có sẵn).
- ``zizmor --offline`` không có phát hiện nào (không dùng tệp cấu hình, không tôn trọng chú thích bỏ qua).
- Mọi ``uses:`` ghim vào commit đủ 40 ký tự hex, kèm thẻ phiên bản trong chú thích.
- Không có ``pull_request_target`` (hay ``workflow_run``); quyền mặc định rỗng, mỗi job xin quyền riêng.
- Workflow CI chạy lệnh kiểm thử của README (``./dev test``), lệnh này dựng trang một lần vào ``site/``
  (``RNNLAB_SITE_DIR``), rồi tải ``site/`` lên làm artifact; workflow Pages làm như vậy rồi đăng bằng
  các action Pages chính thức. Không workflow nào dựng trang lần thứ hai bằng ``./dev build``.

Hai công cụ được gọi từ thư mục ``bin`` của chính môi trường Python đang chạy kiểm thử.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML  # đi kèm check-jsonschema (nhóm phụ thuộc test)

ROOT = Path(__file__).resolve().parent.parent
GITHUB = ROOT / ".github"
WORKFLOWS = GITHUB / "workflows"
DEPENDABOT = GITHUB / "dependabot.yml"
BIN = Path(sys.executable).parent  # không resolve(): .venv/bin/python thường là liên kết tượng trưng

SHA_PIN = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$")
DANGEROUS_TRIGGERS = {"pull_request_target", "workflow_run"}
PAGES_ACTIONS = ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages")


def workflow_files() -> list[Path]:
    return sorted(list(WORKFLOWS.glob("*.yml")) + list(WORKFLOWS.glob("*.yaml")))


def load(path: Path) -> dict:
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: không phải một workflow"
    return data


def triggers(wf: dict) -> dict:
    """Khoá ``on`` chuẩn hoá thành dict (trình đọc YAML 1.1 đọc ``on`` thành ``True``)."""
    on = wf.get("on", wf.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return {name: None for name in on}
    assert isinstance(on, dict), "workflow thiếu khoá on:"
    return on


def steps(job: dict) -> list[dict]:
    return job.get("steps") or []


def action(step: dict) -> str:
    """``owner/repo`` của một bước ``uses:``, hoặc chuỗi rỗng."""
    return step.get("uses", "").split("@", 1)[0]


def run_lines(job: dict) -> list[str]:
    return [line.strip() for step in steps(job) for line in str(step.get("run", "")).splitlines()]


def tool(name: str) -> Path:
    path = BIN / name
    assert path.exists(), f"Không thấy {path}: cài bằng ./dev setup (nhóm phụ thuộc test)."
    return path


def workflows_triggered_by(event: str) -> list[tuple[Path, dict]]:
    return [(p, wf) for p in workflow_files() if event in triggers(wf := load(p))]


def test_workflows_exist():
    names = {p.name for p in workflow_files()}
    assert {"ci.yml", "pages.yml"} <= names, f"thiếu workflow, chỉ có: {sorted(names)}"


def test_workflows_match_github_schema():
    files = workflow_files()
    assert files
    proc = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *files],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "ok -- validation done" in proc.stdout


@pytest.mark.skipif(not DEPENDABOT.exists(), reason="không có .github/dependabot.yml")
def test_dependabot_matches_schema():
    proc = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.dependabot", DEPENDABOT],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_zizmor_has_no_findings():
    inputs = [".github/workflows/"] + ([".github/dependabot.yml"] if DEPENDABOT.exists() else [])
    proc = subprocess.run(
        [
            tool("zizmor"),
            "--offline",
            "--no-config",
            "--no-ignores",
            "--strict-collection",
            "--format",
            "json",
            *inputs,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    findings = json.loads(proc.stdout) if proc.stdout.strip() else None
    summary = [f"{f['ident']} ({f['desc']}): {f['locations'][0]['symbolic']['key']}" for f in findings or []]
    assert findings == [], "zizmor báo:\n" + "\n".join(summary)
    assert proc.returncode == 0, proc.stderr
    for path in workflow_files():  # zizmor ghi ra stderr từng tệp nó đã kiểm
        assert path.relative_to(ROOT).as_posix() in proc.stderr, f"zizmor không kiểm {path.name}"


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_every_uses_is_pinned_to_a_commit(path):
    seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        m = USES_LINE.match(line)
        if not m:
            continue
        seen += 1
        ref, rest = m.group(1).strip("'\""), m.group(2)
        if ref.startswith("./"):
            continue  # action hoặc workflow trong chính kho
        assert SHA_PIN.match(ref), f"{path.name}:{number}: {ref} chưa ghim vào commit 40 ký tự hex"
        assert re.search(r"#\s*v\d", rest), f"{path.name}:{number}: thiếu thẻ phiên bản trong chú thích"
    # Đối chiếu với bản đã phân tích: không bước nào lọt khỏi phép kiểm theo dòng ở trên.
    wf = load(path)
    parsed = [s["uses"] for job in wf["jobs"].values() for s in steps(job) if "uses" in s]
    parsed += [job["uses"] for job in wf["jobs"].values() if "uses" in job]
    assert seen == len(parsed)


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_no_dangerous_triggers(path):
    on = triggers(load(path))
    assert not DANGEROUS_TRIGGERS & set(on), f"{path.name}: không dùng {sorted(DANGEROUS_TRIGGERS & set(on))}"
    assert "pull_request_target" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_least_privilege_permissions(path):
    wf = load(path)
    assert wf.get("permissions") == {}, f"{path.name}: cần 'permissions: {{}}' ở cấp workflow"
    for name, job in wf["jobs"].items():
        perms = job.get("permissions")
        assert isinstance(perms, dict), f"{path.name}/{name}: job phải tự khai báo permissions"
        writes = {scope for scope, level in perms.items() if level == "write"}
        if any(action(s) == "actions/deploy-pages" for s in steps(job)):
            assert writes == {"pages", "id-token"}, f"{path.name}/{name}: {perms}"
        else:
            assert not writes, f"{path.name}/{name}: job không đăng gì thì không cần quyền ghi {writes}"


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_checkout_does_not_persist_credentials(path):
    for name, job in load(path)["jobs"].items():
        for step in steps(job):
            if action(step) == "actions/checkout":
                assert (step.get("with") or {}).get("persist-credentials") is False, f"{path.name}/{name}"


def test_ci_runs_the_readme_commands_and_uploads_the_site():
    found = [
        (wf, job)
        for _, wf in workflows_triggered_by("pull_request")
        for job in wf["jobs"].values()
        if "./dev test" in run_lines(job)
    ]
    assert len(found) == 1, "cần đúng một job chạy ./dev test trên mỗi pull request"
    ((wf, job),) = found
    assert "main" not in (triggers(wf).get("push") or {}).get("branches", []), "đẩy lên main là việc của pages.yml"
    lines = run_lines(job)
    assert "./dev test" in lines and "./dev build" not in lines, lines  # trang dựng một lần, trong kiểm thử
    env = {**wf.get("env", {}), **job.get("env", {})}
    assert env.get("RNNLAB_SITE_DIR") == "site", "kiểm thử phải dựng vào site/ để bước tải lên dùng bản đó"
    assert env.get("PIP_EXTRA_INDEX_URL") == "https://download.pytorch.org/whl/cpu", "torch phải lấy bản CPU"
    by_action = {action(s): s for s in steps(job)}
    assert str(by_action["actions/setup-python"]["with"]["python-version"]) == "3.11"
    assert str(by_action["actions/setup-node"]["with"]["node-version"]) == "20"
    upload = by_action["actions/upload-artifact"]["with"]
    assert upload["path"].rstrip("/") == "site" and upload["if-no-files-found"] == "error"
    order = [action(s) or s.get("run", "").strip() for s in steps(job)]
    assert order.index("./dev test") < order.index("actions/upload-artifact")


def test_pages_builds_then_deploys():
    pages = [
        (p, wf)
        for p, wf in workflows_triggered_by("push")
        if "main" in (triggers(wf)["push"] or {}).get("branches", [])
    ]
    assert len(pages) == 1, "cần đúng một workflow chạy khi đẩy lên main"
    path, wf = pages[0]
    assert "workflow_dispatch" in triggers(wf)
    assert wf["concurrency"]["cancel-in-progress"] is False, "không huỷ lần đăng đang chạy dở"
    jobs = wf["jobs"]
    build, deploy = jobs["build"], jobs["deploy"]
    build_actions = [action(s) for s in steps(build)]
    assert PAGES_ACTIONS[0] in build_actions and PAGES_ACTIONS[1] in build_actions
    assert "./dev test" in run_lines(build) and "./dev build" not in run_lines(build)
    assert {**wf.get("env", {}), **build.get("env", {})}.get("RNNLAB_SITE_DIR") == "site"
    upload = next(s for s in steps(build) if action(s) == "actions/upload-pages-artifact")
    assert upload["with"]["path"].rstrip("/") == "site"
    assert deploy["needs"] in ("build", ["build"])
    assert deploy["environment"]["name"] == "github-pages"
    (step,) = steps(deploy)
    assert action(step) == "actions/deploy-pages"
    assert deploy["environment"]["url"] == "${{ steps." + step["id"] + ".outputs.page_url }}"
    # Workflow đăng trang không dùng bộ nhớ đệm (tránh nhiễm độc bộ nhớ đệm).
    for job in jobs.values():
        for s in steps(job):
            assert action(s) != "actions/cache" and "cache" not in (s.get("with") or {}), s


def test_dev_script_has_every_subcommand_the_workflows_run():
    dev = (ROOT / "dev").read_text(encoding="utf-8")
    cases = {}
    for m in re.finditer(r"^\s{4}([\w|-]+)\)\n(.*?)^\s{8};;", dev, re.M | re.S):
        for name in m.group(1).split("|"):
            cases[name] = m.group(2)
    used = {
        line.split()[1]
        for p in workflow_files()
        for job in load(p)["jobs"].values()
        for line in run_lines(job)
        if line.startswith("./dev ")
    }
    assert used >= {"test"}
    missing = used - set(cases)
    assert not missing, f"./dev chưa có lệnh con {sorted(missing)} mà workflow gọi"
    mkdocs_yml = ROOT / "mkdocs.yml"
    strict_in_config = mkdocs_yml.exists() and re.search(r"^strict:\s*true", mkdocs_yml.read_text(), re.M)
    assert "--strict" in cases["build"] or strict_in_config, "./dev build phải dựng ở chế độ nghiêm ngặt"
    conftest = (ROOT / "tests" / "docs" / "conftest.py").read_text(encoding="utf-8")
    assert '"build", "--strict"' in conftest and "RNNLAB_SITE_DIR" in conftest  # bản dựng của kiểm thử = ./dev build


def test_ci_command_is_the_readme_command():
    readme = ROOT / "README.md"
    if not readme.exists():
        pytest.skip("chưa có README.md")
    assert "./dev test" in readme.read_text(encoding="utf-8"), "README phải chỉ lệnh kiểm thử ./dev test"
