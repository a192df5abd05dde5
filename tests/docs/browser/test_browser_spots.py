"""Kiểm tra tại chỗ những gì người đọc bấm vào: chú giải thuật ngữ, thẻ liên kết, nút chép mã, hình trên điện thoại."""

from __future__ import annotations

import re

import pytest
from conftest import _context

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def reader(browser, site_url):
    """Ngữ cảnh riêng (được đọc/ghi bộ nhớ tạm) cho các thao tác bấm."""
    context, watch = _context(browser, "light")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = context.new_page()
    yield page, watch
    context.close()


def test_glossary_tooltip_on_a_known_term(reader, site_url):
    page, watch = reader
    page.goto(site_url + "loai-rnn/lstm/", wait_until="networkidle")
    term = page.locator("article abbr", has_text="cổng quên").first
    assert term.get_attribute("title") == "tiếng Anh: forget gate"
    term.scroll_into_view_if_needed()
    term.hover()
    tooltip = page.locator(".md-tooltip2, .md-tooltip").filter(has_text="forget gate")
    tooltip.first.wait_for(state="visible", timeout=5000)
    assert not watch.errors, watch.errors


def test_linked_tabs_switch_together_on_another_page(reader, site_url):
    page, _ = reader
    page.goto(site_url + "loai-rnn/vanilla-rnn/", wait_until="networkidle")
    page.locator(".tabbed-labels label", has_text="torch.nn (có sẵn)").first.click()
    page.goto(site_url + "loai-rnn/hai-chieu/", wait_until="networkidle")
    label = page.locator(".tabbed-labels label", has_text="torch.nn (có sẵn)").first
    assert page.locator(f"#{label.get_attribute('for')}").is_checked(), "thẻ torch.nn không được chọn theo trang trước"
    page.locator(".tabbed-labels label", has_text="rnnlab (tự viết)").first.click()
    assert not page.locator(f"#{label.get_attribute('for')}").is_checked()


def test_copy_button_copies_the_snippet_text(reader, site_url):
    page, _ = reader
    page.goto(site_url + "loai-rnn/vanilla-rnn/", wait_until="networkidle")
    block = page.locator("article .highlight").filter(has=page.locator("code")).first
    block.hover()
    block.locator("button.md-code__button[data-md-type='copy'], button.md-clipboard").first.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    shown = block.locator("code").first.inner_text()
    assert copied.strip() and copied.strip() == shown.strip()


def test_every_figure_opens_at_full_size_on_a_phone(phone, site_url, built_site):
    """Ở 390 px, hình nhiều khung nhỏ tới mức khó đọc: bấm vào hình phải mở tệp hình ở cỡ đầy đủ.

    Mọi hình: chú thích "Hình N", width/height, chữ thay thế, vừa màn hình, liên kết tới chính tệp hình và
    tệp đó (mở trong trình duyệt) rộng ít nhất 1,5 lần hình trên trang. Hình đầu của mỗi trang được bấm thật.
    """
    context, watch = phone
    pages = sorted(
        p.relative_to(built_site.site).parent.as_posix()
        for p in built_site.site.rglob("index.html")
        if 'class="rnnlab-hinh"' in p.read_text(encoding="utf-8")
        and p.parent.name != "ban-in"  # trang in (nguồn của bản PDF) ghép mọi trang: số hình bắt đầu lại mỗi trang
    )
    assert len(pages) >= 5
    checked = 0
    page = context.new_page()
    viewer = context.new_page()
    for path in pages:
        page.bring_to_front()  # thẻ nền: Chromium hãm requestAnimationFrame, cú chạm chờ vài giây
        page.goto(site_url + ("" if path == "." else path + "/"), wait_until="load")
        figures = page.locator("figure.rnnlab-hinh")
        found = figures.evaluate_all(
            """fs => fs.map(f => {
                const img = f.querySelector("img"), a = f.querySelector("a")
                return {caption: f.querySelector("figcaption")?.innerText ?? "", width: img.getAttribute("width"),
                        height: img.getAttribute("height"), alt: img.getAttribute("alt"), src: img.src,
                        shown: img.getBoundingClientRect().width, link: a ? a.href : null}
            })"""
        )
        for k, fig in enumerate(found):
            assert re.match(rf"Hình {k + 1}\b", fig["caption"]), (
                f"/{path}: chú thích hình {k + 1} là {fig['caption']!r}"
            )
            assert fig["width"] and fig["height"], f"/{path}: hình thiếu width/height"
            assert fig["alt"], f"/{path}: hình thiếu chữ thay thế"
            shown, link = fig["shown"], fig["link"]
            assert 0 < shown <= 390, f"/{path}: hình rộng {shown}px trên màn hình 390 px"
            assert link == fig["src"], f"/{path}: hình {k + 1} không trỏ tới chính tệp hình"
            if k == 0:  # bấm thật: trang chuyển sang tệp hình
                first = figures.first
                first.scroll_into_view_if_needed()
                with page.expect_navigation():
                    first.locator("a").tap()
                assert page.url == link
                page.go_back(wait_until="load")
            viewer.goto(link, wait_until="load")
            full = viewer.evaluate(
                "document.documentElement.tagName.toLowerCase() === 'svg' && document.documentElement.width.baseVal.value"
            )
            assert full and full >= 1.5 * shown, f"/{path}: hình {k + 1} mở ra rộng {full}px, trên trang {shown}px"
            checked += 1
    page.close()
    viewer.close()
    assert checked >= 10
    assert not watch.outside and not watch.errors, (watch.outside, watch.errors)


def test_keyboard_reaches_figures_code_formulas_and_search(reader, site_url):
    """Chỉ dùng bàn phím: phím Tab tới được hình (mở cỡ đầy đủ), khối mã và công thức rộng (cuộn được),
    thẻ chọn; phím "/" mở ô tìm kiếm và Enter mở kết quả."""
    page, _ = reader
    page.goto(site_url + "gradient/giai-phap/", wait_until="networkidle")
    wanted = {
        "hình": "a.rnnlab-hinh-mo",
        "khối mã": "pre > code",
        "công thức": ".arithmatex[tabindex]",
        "thẻ chọn": ".tabbed-set > input",
    }
    reached = set()
    for _ in range(600):
        page.keyboard.press("Tab")
        for name, selector in wanted.items():
            if name not in reached and page.evaluate(f"document.activeElement.matches({selector!r})"):
                reached.add(name)
        if reached == set(wanted):
            break
    assert reached == set(wanted), f"phím Tab không tới được: {set(wanted) - reached}"
    page.keyboard.press("Escape")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.matches('.md-search__input')")
    page.keyboard.type("vach da")
    page.locator(".md-search-result__link").first.wait_for(timeout=10000)
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/gradient/no/" in page.url


@pytest.mark.parametrize("system", ["light", "dark"])
def test_color_toggle_switches_keeps_the_choice_and_follows_the_system_until_chosen(browser, site_url, system):
    context, watch = _context(browser, system)
    page = context.new_page()
    page.goto(site_url + "gradient/giai-phap/", wait_until="networkidle")
    scheme = "document.body.dataset.mdColorScheme"
    start, other = ("default", "slate") if system == "light" else ("slate", "default")
    assert page.evaluate(scheme) == start  # chưa chọn: theo hệ thống
    assert page.evaluate("document.querySelector('meta[name=color-scheme]').content") == system
    page.emulate_media(color_scheme="dark" if system == "light" else "light")
    page.wait_for_function(f"{scheme} === '{other}'", timeout=5000)  # hệ thống đổi nền: trang đổi theo
    page.emulate_media(color_scheme=system)
    page.wait_for_function(f"{scheme} === '{start}'", timeout=5000)
    toggle = page.locator("form[data-rnnlab-palette] label:not([hidden])")
    assert toggle.count() == 1  # đúng một nút hiện: nút sang nền kia
    toggle.click()
    assert page.evaluate(scheme) == other
    page.goto(site_url + "loai-rnn/lstm/", wait_until="networkidle")
    assert page.evaluate(scheme) == other  # lựa chọn được giữ khi sang trang khác
    page.focus("form[data-rnnlab-palette] input:checked")  # bàn phím: Enter trên ô chọn đổi nền trở lại
    page.keyboard.press("Enter")
    assert page.evaluate(scheme) == start
    page.emulate_media(color_scheme="dark" if system == "light" else "light")
    page.wait_for_timeout(300)
    assert page.evaluate(scheme) == start  # đã chọn: không theo hệ thống nữa
    assert not watch.errors, watch.errors
    context.close()
