"""Các phần nhỏ của hooks/takehome.py, không cần dựng trang: liên kết tải snippet, liên kết cho file://,
báo lỗi, và cách bản dựng xử lý khi thiếu Chromium (ở máy mình: báo rồi dựng tiếp; trong CI: lỗi)."""

from __future__ import annotations

import json
import logging
import sys
import urllib.parse
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from hooks import takehome, takehome_offline, takehome_pdf  # noqa: E402

TABS = """\
=== "rnnlab"

    ```{.python notest title="x"}
    --8<-- "snippets/co_ban/xin_chao.py:part"
    ```

```{.python notest}
--8<-- "rnnlab/rnn.py:step"
```

````markdown
```{.python notest}
;--8<-- "snippets/co_ban/xin_chao.py"
```
````
"""


def test_download_link_after_each_snippet_fence_keeps_indent():
    out, count = takehome.add_download_links(TABS, "loai-rnn/lstm.md")
    lines = out.split("\n")
    link = '    [Tải về xin_chao.py](../tai-ve/snippets/co_ban/xin_chao.py){ .rnnlab-tai-ve download="xin_chao.py" }'
    assert lines[4:8] == ["    ```", "", link, ""], lines[:8]  # ngay sau khối mã trong thẻ, cùng thụt lề
    # rnnlab/ không phải snippet; ;--8<-- (cú pháp được trình bày, như trong dong-gop.md) không nhúng gì
    assert count == 1, out


def test_download_link_from_the_home_page():
    text = '```{.python notest}\n--8<-- "snippets/gradient/cliff.py"\n```\n'
    out, count = takehome.add_download_links(text, "index.md")
    assert count == 1
    assert "(tai-ve/snippets/gradient/cliff.py)" in out


@pytest.mark.parametrize(
    ("url", "offline"),
    [
        ("../lstm/", "../lstm/index.html"),
        (".", "./index.html"),
        ("..", "../index.html"),
        ("../..#muc", "../../index.html#muc"),
        ("./#cong-thuc", "./index.html#cong-thuc"),
        ("../figures/a.svg", "../figures/a.svg"),
        ("#cong-thuc", "#cong-thuc"),
        ("https://example.org/a/", "https://example.org/a/"),
        ("mailto:a@b", "mailto:a@b"),
    ],
)
def test_offline_url(url, offline):
    assert takehome_offline.offline_url(url) == offline


def test_offline_html_rewrites_links_and_adds_worker_shim():
    html = '<html><head><title>x</title></head><body><a href="../gru/">GRU</a><a href="https://x.org/">x</a></body>'
    out = takehome_offline.offline_html(html, "loai-rnn/lstm/index.html")
    assert '<a href="../gru/index.html">' in out
    assert '<a href="https://x.org/">' in out
    assert '<head><script src="../../assets/javascripts/iframe-worker-shim.js"></script>' in out


def test_offline_search_index_points_at_files():
    data = json.dumps({"config": {}, "docs": [{"location": "", "text": "a"}, {"location": "gru/#x", "text": "b"}]})
    js = takehome_offline.offline_search_index(data)
    assert js.startswith("var __index = ")
    docs = json.loads(js[len("var __index = ") :])["docs"]
    assert [d["location"] for d in docs] == ["./index.html", "gru/index.html#x"]


def test_report_url_fills_in_page_path_and_title():
    url = takehome.report_url(
        "https://github.com/a/b/", "Nổ gradient", "gradient/no.md", "https://a.github.io/b/gradient/no/"
    )
    parts = urllib.parse.urlsplit(url)
    assert parts.path == "/a/b/issues/new"
    query = urllib.parse.parse_qs(parts.query)
    assert query["title"] == ["[Trang] Nổ gradient (docs/gradient/no.md)"]
    assert "docs/gradient/no.md" in query["body"][0]
    assert "https://a.github.io/b/gradient/no/" in query["body"][0]


def test_missing_chromium_is_a_note_locally(monkeypatch, caplog):
    monkeypatch.setenv("RNNLAB_CHROMIUM", "/khong/co/chromium")
    monkeypatch.delenv("CI", raising=False)
    with caplog.at_level(logging.INFO, logger="mkdocs.hooks.takehome"):
        assert takehome_pdf.check_pdf_possible() is False
    [record] = caplog.records
    assert record.levelno == logging.INFO  # không phải WARNING: --strict vẫn dựng xong
    assert "bỏ qua bản PDF" in record.getMessage()
    assert "/khong/co/chromium" in record.getMessage()


def test_missing_chromium_is_an_error_in_ci(monkeypatch):
    monkeypatch.setenv("RNNLAB_CHROMIUM", "/khong/co/chromium")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(PluginError, match="CI phải có bản PDF"):
        takehome_pdf.check_pdf_possible()


def test_chromium_found_means_pdf(monkeypatch):
    monkeypatch.setenv("RNNLAB_CHROMIUM", sys.executable)  # tệp chạy được bất kì: chỉ kiểm tra cách tìm
    assert takehome_pdf.chromium_path() == sys.executable


def test_offline_copy_links_to_the_zip_on_the_web():
    html = '<head></head><a href="../tai-ve/rnnlab-ngoai-tuyen.zip">zip</a>'
    out = takehome_offline.offline_html(html, "cai-dat/index.html", "https://a.github.io/b/", takehome.ZIP_URI)
    assert '<a href="https://a.github.io/b/tai-ve/rnnlab-ngoai-tuyen.zip">' in out
