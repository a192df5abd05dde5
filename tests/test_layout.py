"""Hình dạng của gói: mô hình chảy một chiều (ô → bptt → tầng → đo), không vòng nhập, tệp nhỏ."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "rnnlab"


def rnnlab_imports(path: Path) -> set:
    """Tên các mô-đun rnnlab mà ``path`` nhập (tương đối hoặc tuyệt đối), dạng ``rnnlab.x.y``."""
    package = ".".join(("rnnlab",) + path.relative_to(PACKAGE).parent.parts)
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{base}.{node.module}" if node.module else base
                names = [base] if node.module else [f"{base}.{a.name}" for a in node.names]
            else:
                names = [node.module or ""]
            out.update(n for n in names if n.startswith("rnnlab"))
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("rnnlab"))
    return out


def module_name(path: Path) -> str:
    parts = ("rnnlab",) + path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


GRAPH = {module_name(p): rnnlab_imports(p) for p in PACKAGE.rglob("*.py")}


def reaches(start: str, target: str) -> bool:
    seen, todo = set(), [start]
    while todo:
        m = todo.pop()
        for dep in GRAPH.get(m, ()):
            if dep == target:
                return True
            if dep not in seen:
                seen.add(dep)
                todo.append(dep)
    return False


def test_graph_is_read():
    # bộ đọc nhập thấy các cạnh đã biết; nếu nó hỏng, các kiểm thử bên dưới đúng một cách vô nghĩa
    assert "rnnlab.bptt" in GRAPH["rnnlab.layers"]
    assert "rnnlab._checks" in GRAPH["rnnlab.layers"]  # `from . import _checks`
    assert "rnnlab.recording" in GRAPH["rnnlab.gradient_flow"]
    assert "rnnlab.recording" in GRAPH["rnnlab.layers"]


@pytest.mark.parametrize("model_module", ["rnnlab.rnn", "rnnlab.lstm", "rnnlab.gru", "rnnlab.bptt", "rnnlab.layers"])
def test_model_pipeline_does_not_reach_measurement(model_module):
    # mô hình không phụ thuộc phép đo: layers → recording, còn gradient_flow chỉ dùng layers
    assert not reaches(model_module, "rnnlab.gradient_flow")
    assert not reaches(model_module, "rnnlab.experiments")
    assert not reaches(model_module, "rnnlab.cli")


def test_no_import_cycles():
    cyclic = [m for m in GRAPH if m != "rnnlab" and reaches(m, m)]
    assert cyclic == []


def test_cli_is_small():
    assert len((PACKAGE / "cli.py").read_text(encoding="utf-8").splitlines()) < 300
