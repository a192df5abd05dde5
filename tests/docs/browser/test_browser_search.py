"""Tìm kiếm trong trình duyệt: gõ không dấu, gõ có dấu, gõ thuật ngữ tiếng Anh, gõ bậy; qua HTTP và từ file://."""

from __future__ import annotations

import time

import pytest

pytestmark = pytest.mark.slow

# Dòng trạng thái của Material khi worker tìm kiếm chưa sẵn sàng (Material 9.8.2 chưa dịch câu này sang tiếng Việt).
INITIALIZING = "Initializing search"


def results(page, query: str, timeout: float = 10.0) -> list[dict]:
    """Gõ ``query`` vào ô tìm kiếm của Material; các kết quả theo thứ tự hiện ra: {title, marks, text}."""
    if page.is_visible("label.md-header__button[for=__search]"):
        page.click("label.md-header__button[for=__search]")
    page.click(".md-search__input")
    page.fill(".md-search__input", "")
    page.keyboard.type(query) if len(query) < 100 else page.keyboard.insert_text(query)
    page.keyboard.press("End")  # insert_text không phát keyup: Material nghe cả sự kiện này
    # Chỉ mục tải khi ô tìm kiếm nhận tiêu điểm (hooks/search_defer.js): chờ worker sẵn sàng trước đã, kẻo
    # dòng "đang khởi tạo" đứng yên trông như một danh sách kết quả rỗng (máy bận, hai worker pytest).
    page.wait_for_function(
        f"() => !document.querySelector('.md-search-result__meta').textContent.includes({INITIALIZING!r})",
        timeout=timeout * 1000,
    )
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:  # chờ danh sách kết quả đứng yên
        time.sleep(0.3)
        now = page.evaluate("document.querySelector('.md-search-result__meta').textContent")
        if now == last:
            break
        last = now
    return page.eval_on_selector_all(
        ".md-search-result__article",
        """els => els.map(e => ({
            title: (e.querySelector('h1, h2') || e).textContent.trim(),
            marks: [...e.querySelectorAll('mark')].map(m => m.textContent),
            text: e.textContent,
        }))""",
    )


def test_search_index_loads_only_when_the_reader_opens_search(contexts, site_url):
    # Chỉ mục (~110 KB nén) không tải cùng trang (hooks/search_defer.js), mà khi ô tìm kiếm nhận tiêu điểm.
    context, _ = contexts["light"]
    page = context.new_page()
    asked = []
    page.on("request", lambda r: asked.append(r.url) if r.url.endswith("search/search_index.json") else None)
    page.goto(site_url + "gradient/giai-phap/", wait_until="networkidle")
    page.wait_for_timeout(500)
    assert asked == []
    hits = results(page, "cat gradient")
    assert len(asked) == 1
    assert any("Cắt gradient" in h["title"] for h in hits[:3]), hits[:3]
    page.close()


@pytest.fixture(scope="module")
def search_page(contexts, site_url):
    context, watch = contexts["light"]
    page = context.new_page()
    page.goto(site_url, wait_until="networkidle")
    watch.clear()
    yield page, watch
    page.close()


@pytest.mark.parametrize(
    "query, section",
    [
        ("bien mat gradient", "Biến mất gradient"),
        ("cat gradient", "Cắt gradient"),
        ("vach da", "Vách đá"),
        ("ban kinh pho", "Bán kính phổ"),
        # thuật ngữ tiếng Anh của docs/_data/glossary.tsv
        ("vanishing gradient", "Biến mất gradient"),
        ("gradient clipping", "Cắt gradient"),
        ("spectral radius", "Bán kính phổ"),
        # có dấu vẫn tìm như trước
        ("cắt gradient", "Cắt gradient"),
        ("bán kính phổ", "Bán kính phổ"),
    ],
)
def test_query_ranks_the_section_in_the_first_three(search_page, query, section):
    page, watch = search_page
    found = results(page, query)
    titles = [r["title"] for r in found[:3]]
    assert any(t.startswith(section) for t in titles), f"{query!r}: ba kết quả đầu là {titles}"
    assert not watch.errors, watch.errors


def test_unaccented_query_finds_d_with_stroke(search_page):
    page, _ = search_page
    found = results(page, "dao ham")
    assert found, "'dao ham' không tìm thấy gì"
    assert any("đạo hàm" in r["text"].lower() for r in found[:3]), [r["title"] for r in found[:3]]
    marks = {m.lower() for r in found[:5] for m in r["marks"]}
    assert "đạo" in marks, f"'dao' phải tô sáng 'đạo' (đ → d), gặp {sorted(marks)}"


def test_forget_gate_finds_the_vietnamese_term(search_page):
    page, _ = search_page
    found = results(page, "forget gate")
    assert any("cổng quên" in r["text"].lower() for r in found[:3]), [r["title"] for r in found[:3]]


def test_accented_query_ranks_exact_accents_first(search_page):
    """ "cổng" (cổng của LSTM/GRU) và "công" (công thức) chỉ khác dấu: mỗi câu hỏi xếp đúng từ của nó trước."""
    page, _ = search_page
    found = results(page, "cổng")
    marks = [m.lower().strip("();,.:") for r in found[:3] for m in r["marks"]]
    assert marks[:1] == ["cổng"] and marks.count("cổng") > marks.count("công"), f"'cổng': tô sáng {marks}"
    found = results(page, "công thức")
    top = [r for r in found[:3] if "công thức" in r["title"].lower()]
    assert top, f"'công thức': ba kết quả đầu là {[r['title'] for r in found[:3]]}"
    assert "công" in [m.lower() for m in top[0]["marks"]], top[0]["marks"]
    # tô sáng không lồng nhau (từ có dấu và bản bỏ dấu khớp cùng chỗ)
    html = page.inner_html(".md-search-result__list")
    assert (
        "<mark><mark>" not in html and "rk&gt;" not in html and "rk>" not in page.inner_text(".md-search-result__list")
    )


@pytest.mark.parametrize("query", ["", "   ", "!!! ... ???", "+-*~^:", "a" * 2000, "cắt gradient " * 160])
def test_bad_input_gives_no_error_and_no_hang(search_page, query):
    page, watch = search_page
    watch.clear()
    start = time.monotonic()
    results(page, query)
    assert time.monotonic() - start < 12, f"tìm {query[:20]!r}… quá lâu"
    assert page.evaluate("1 + 1") == 2  # trang còn trả lời
    assert not watch.errors, f"{query[:30]!r}: {watch.errors}"


def test_search_works_from_file_url(browser, built_site):
    """Bản sao ngoại tuyến: mở index.html từ đĩa, không máy chủ; tìm không dấu vẫn ra kết quả."""
    context = browser.new_context()
    errors = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((built_site.site / "index.html").as_uri(), wait_until="load")
        found = results(page, "vach da")
        assert any(r["title"].startswith("Vách đá") for r in found[:3]), [r["title"] for r in found[:3]]
        assert not errors, errors
    finally:
        context.close()
