"""Trình khám phá dòng gradient trong Chromium (trang docs/gradient/minh-hoa.md).

Chromium của Debian (``/usr/bin/chromium``, đổi bằng biến môi trường ``RNNLAB_CHROMIUM``), điều khiển
bằng Playwright; trang dựng một lần cho cả phiên (``built_site``), phục vụ qua HTTP ở 127.0.0.1.
"""

from __future__ import annotations

import re

import pytest

from hooks import explorer

pytestmark = pytest.mark.slow

PAGE = "gradient/minh-hoa/"
SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


@pytest.fixture(scope="module")
def data(built_site):
    """Dữ liệu mà trang đã dựng gửi cho trình duyệt, giải mã bằng Python."""
    return explorer.from_js((built_site.site / explorer.DATA_URI).read_text(encoding="utf-8"))


class Page:
    """Một trang mở trong một ngữ cảnh mới, ghi lại mọi lỗi console và lỗi JavaScript."""

    def __init__(self, browser, url, **context):
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(url, wait_until="load")
        if context.get("java_script_enabled", True) and self.page.locator("#trinh-kham-pha").count():
            # như người đọc: trình khám phá chỉ tải dữ liệu và vẽ khi khung sắp hiện ra
            self.page.locator("#trinh-kham-pha").scroll_into_view_if_needed()
            self.page.wait_for_function("document.querySelector('#kp-out').textContent !== ''")

    def out(self) -> str:
        return self.page.locator("#kp-out").text_content() or ""

    def curve(self) -> str:
        return self.page.locator("path.kp-measured").get_attribute("d") or ""


@pytest.fixture
def open_page(browser, site_url):
    pages = []

    def _open(path=PAGE, **context):
        url = path if "://" in path else site_url + path
        pages.append(Page(browser, url, **context))
        return pages[-1]

    yield _open
    for p in pages:
        p.context.close()


def parse_number(text: str) -> float:
    """ "2,7·10⁻⁵" → 2.7e-05; "0,57" → 0.57 (cách viết của trang)."""
    text = text.translate(SUPERSCRIPT).replace(",", ".")
    if "·10" in text:
        mantissa, exponent = text.split("·10")
        return float(mantissa) * 10 ** int(exponent)
    return float(text)


def shown(value: float) -> float:
    """``value`` làm tròn tới 2 chữ số có nghĩa, như trang viết."""
    return float(f"{value:.1e}")


def announced(text: str) -> tuple[float, float | None]:
    m = re.search(r"ở bước 1 gradient (?:còn|lớn gấp) (\S+) lần bước cuối(?:; đường ρ\^\(T−t\) cho (\S+?)\.)?", text)
    assert m, text
    return parse_number(m[1]), parse_number(m[2]) if m[2] else None


def test_data_loads_and_curve_draws_only_when_the_explorer_comes_near(browser, site_url):
    context = browser.new_context(viewport={"width": 412, "height": 823})
    page = context.new_page()
    requested = []
    page.on("request", lambda r: requested.append(r.url.rsplit("/", 1)[-1]))
    page.goto(site_url + PAGE, wait_until="load")
    page.wait_for_timeout(300)
    assert "explorer.js" in requested and "explorer-data.js" not in requested
    assert page.locator("path.kp-measured").count() == 0
    page.locator("#trinh-kham-pha").scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('#kp-out').textContent !== ''")
    assert requested.count("explorer-data.js") == 1
    assert page.locator("path.kp-measured").count() == 1
    context.close()


@pytest.mark.parametrize("width", [390, 1000])
def test_legend_does_not_cover_the_axis_label(open_page, width):
    p = open_page(viewport={"width": width, "height": 900})
    boxes = p.page.evaluate(
        """() => [...document.querySelectorAll('#trinh-kham-pha svg text')]
             .filter(t => ['‖∂L/∂hₜ‖ (bằng 1 ở t = T)', 'đo được', 'ρ^(T−t)'].includes(t.textContent))
             .map(t => { const r = t.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom] })"""
    )
    assert len(boxes) == 3
    label, *legend = boxes
    for box in legend:  # hai hình chữ nhật rời nhau
        assert box[0] >= label[2] or box[2] <= label[0] or box[1] >= label[3] or box[3] <= label[1], (label, box)


def test_keyboard_moves_rho_slider_and_redraws(open_page):
    p = open_page()
    out = p.page.locator("#kp-out")
    out.wait_for()
    assert re.search(r"RNN tuyến tính, ρ = 0,90, T = 50: ở bước 1 gradient còn", p.out())
    before = p.curve()
    assert before.count("L") == 49  # một điểm cho mỗi bước t = 1..50
    slider = p.page.locator("#kp-rho")
    slider.focus()
    p.page.keyboard.press("ArrowRight")
    assert float(slider.input_value()) == 0.95
    assert "ρ = 0,95" in p.out()
    after = p.curve()
    assert after != before and after.count("L") == 49
    p.page.keyboard.press("Home")
    assert "ρ = 0,50" in p.out() and p.curve() != after
    # T cũng bằng bàn phím: thanh trượt T đi qua 10, 20, 50, 100, 200
    length = p.page.locator("#kp-len")
    length.focus()
    p.page.keyboard.press("ArrowRight")
    assert "T = 100" in p.out() and p.curve().count("L") == 99
    assert length.get_attribute("aria-valuetext") == "T = 100"
    # Tab đi qua các điều khiển theo thứ tự
    p.page.locator("#kp-cell").focus()
    p.page.keyboard.press("Tab")
    assert p.page.evaluate("document.activeElement.id") == "kp-source"
    assert p.errors == []


@pytest.mark.parametrize(
    ("cell", "rho", "T"), [("linear", 0.9, 50), ("tanh", 1.3, 100), ("lstm", 0.75, 200), ("gru", 1.5, 20)]
)
def test_announced_number_equals_the_data(open_page, data, cell, rho, T):
    p = open_page()
    p.page.locator("#kp-out").wait_for()
    p.page.select_option("#kp-cell", cell)
    p.page.fill("#kp-rho-so", str(rho))
    p.page.press("#kp-rho-so", "Enter")
    p.page.fill("#kp-len-so", str(T))
    p.page.press("#kp-len-so", "Enter")
    text = p.out()
    assert f"{data['cells'][cell]}, ρ = {rho:.2f}".replace(".", ",") + f", T = {T}:" in text
    first, reference = announced(text)
    want = explorer.decode(data, cell, rho, T)[0]
    assert first == pytest.approx(shown(want), rel=1e-9)
    assert reference == pytest.approx(shown(rho ** (T - 1)), rel=1e-9)
    assert p.curve().count("L") == T - 1
    assert p.errors == []


def test_adding_problem_curves(open_page, data):
    p = open_page()
    p.page.locator("#kp-out").wait_for()
    p.page.select_option("#kp-cell", "lstm")
    p.page.select_option("#kp-source", "trained")
    assert p.page.locator("#kp-rho").is_disabled()
    assert p.page.locator("#kp-len").get_attribute("max") == "1"  # chỉ T = 10 và T = 50
    text = p.out()
    assert "LSTM, bài toán cộng sau huấn luyện" in text and "T = 50" in text
    assert "ρ^(T−t)" not in text and p.page.locator("path.kp-reference").count() == 0
    first, _ = announced(text)
    assert first == pytest.approx(shown(explorer.decode_adding(data, "lstm", 50, "trained")[0]), rel=1e-9)
    # RNN tuyến tính không có ở bài toán cộng: quay về lưới ρ·Q
    p.page.select_option("#kp-cell", "linear")
    assert p.page.locator("#kp-source").input_value() == "grid"
    assert not p.page.locator("#kp-rho").is_disabled()
    assert p.errors == []


def test_typed_values_out_of_range_are_clamped(open_page):
    p = open_page()
    p.page.locator("#kp-out").wait_for()
    for typed, value, said in (("7", "1.50", "ρ = 1,50"), ("-3", "0.50", "ρ = 0,50"), ("1.02", "1.00", "ρ = 1,00")):
        p.page.fill("#kp-rho-so", typed)
        p.page.press("#kp-rho-so", "Enter")
        assert p.page.locator("#kp-rho-so").input_value() == value
        assert float(p.page.locator("#kp-rho").input_value()) == float(value)
        assert said in p.out()
    for typed, value in (("5000", "200"), ("0", "10"), ("37", "50"), ("", "50")):
        p.page.fill("#kp-len-so", typed)
        p.page.press("#kp-len-so", "Enter")
        assert p.page.locator("#kp-len-so").input_value() == value
        assert f"T = {value}:" in p.out()
    assert p.errors == []


def test_without_javascript_the_static_figures_are_there(open_page):
    p = open_page(java_script_enabled=False)
    # Cuộn tới trước: phần trang chưa cuộn tới không được dàn (content-visibility), nên chưa "hiện" gì.
    p.page.locator(".rnnlab-kp").scroll_into_view_if_needed()
    for _ in range(50):  # trang không chạy JavaScript: chờ bằng vòng lặp ở đây, không bằng wait_for_function
        if p.page.locator(".rnnlab-kp").inner_text().strip():
            break
        p.page.wait_for_timeout(100)
    assert p.page.locator("#kp-out").text_content() == ""
    assert not p.page.locator("#kp-rho").is_visible()  # điều khiển ẩn, không có nút chết
    assert "cần JavaScript" in p.page.locator(".rnnlab-kp").inner_text()
    images = p.page.locator("figure.rnnlab-hinh img")
    assert images.count() >= 2
    p.page.evaluate("for (const img of document.images) img.loading = 'eager'")
    p.page.wait_for_function("[...document.querySelectorAll('figure.rnnlab-hinh img')].every(i => i.complete)")
    widths = p.page.evaluate("[...document.querySelectorAll('figure.rnnlab-hinh img')].map(i => i.naturalWidth)")
    assert all(w > 0 for w in widths), widths


def test_colours_follow_the_colour_scheme(open_page):
    colours = {}
    for scheme in ("light", "dark"):
        p = open_page(color_scheme=scheme)
        p.page.locator("#kp-out").wait_for()
        colours[scheme] = p.page.evaluate(
            """() => ({
              tick: getComputedStyle(document.querySelector('.kp-tick')).fill,
              bg: getComputedStyle(document.body).backgroundColor,
              line: getComputedStyle(document.querySelector('path.kp-measured')).stroke,
            })"""
        )
        assert p.errors == []
    assert colours["light"]["tick"] != colours["dark"]["tick"]
    assert colours["light"]["bg"] != colours["dark"]["bg"]
    # chữ trên trục tương phản với nền trong cả hai chế độ: chữ tối trên nền sáng, chữ sáng trên nền tối
    for scheme, c in colours.items():
        tick = [int(v) for v in re.findall(r"\d+", c["tick"])[:3]]
        bg = [int(v) for v in re.findall(r"\d+", c["bg"])[:3]]
        assert abs(sum(tick) - sum(bg)) > 300, (scheme, c)


def test_fits_a_phone(open_page):
    p = open_page(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True)
    p.page.locator("#kp-out").wait_for()
    box = p.page.locator("svg.rnnlab-kp__svg").bounding_box()
    assert 200 < box["width"] <= 360
    # viewBox theo đúng bề rộng trên màn hình: chữ 12 px vẫn là 12 px
    view_width = float(p.page.locator("svg.rnnlab-kp__svg").get_attribute("viewBox").split()[2])
    assert abs(view_width - box["width"]) <= 2
    overflow = p.page.evaluate(
        "(() => { const e = document.querySelector('.rnnlab-kp'); return e.scrollWidth - e.clientWidth })()"
    )
    assert overflow <= 0
    assert p.errors == []


def test_works_from_file_url(open_page, built_site):
    """Bản ngoại tuyến mở trang bằng file://: dữ liệu là một tệp .js, không fetch()."""
    p = open_page((built_site.site / PAGE / "index.html").as_uri())
    p.page.locator("#kp-out").wait_for()
    assert "ở bước 1 gradient còn" in p.out()
    assert p.curve().count("L") == 49
