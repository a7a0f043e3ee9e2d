"""The console pages a coordinator finishes alone, in a laptop-sized browser with JavaScript off: accounts,
archiving, the new-round form's refusals, slips on A4, the dashboard's charts."""
import re
import subprocess

import pytest
from selenium.webdriver.common.by import By

from conftest import ADMIN_PASSWORD, LAPTOP, Server, click_and_wait, print_a4, screenshot


@pytest.fixture(scope="module")
def console():
    running = Server()
    running.cli("agency", "add", "demo", "--name-th", "องค์การบริหารส่วนตำบลตัวอย่าง", "--kind", "sao-m")
    running.cli("agency", "add", "spare", "--name-th", "เทศบาลตำบลสำรอง", "--kind", "tm-s")
    running.cli("round", "open", "demo", "--iit-population", "60", "--iit-codes", "--closes", "2099-01-31")
    running.codes = running.cli("codes", "demo", "--count", "30").split()
    running.cli("admin", "add", "root", "--all", "--password-stdin", stdin=ADMIN_PASSWORD + "\n")
    running.cli("admin", "add", "clerk", "--agency", "demo", "--password-stdin", stdin=ADMIN_PASSWORD + "\n")
    running.start()
    yield running
    running.stop()


def sign_in(browser, server, username="root"):
    browser.delete_all_cookies()
    browser.set_window_size(*LAPTOP)
    browser.get(server.base + "/admin/login")
    browser.find_element(By.NAME, "username").send_keys(username)
    browser.find_element(By.NAME, "password").send_keys(ADMIN_PASSWORD)
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main button[type=submit]"))


def unlabelled_inputs(browser):
    """The visible inputs, selects and textareas that no label names."""
    return browser.execute_script("""
        return [...document.querySelectorAll('main input:not([type=hidden]), main select, main textarea')]
            .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map(e => e.name)""")


def test_admins_page_disables_and_defaults_to_one_agency(console, browser):
    sign_in(browser, console)
    browser.get(console.base + "/admin/admins")
    chosen = browser.find_element(By.CSS_SELECTOR, "#f-agency option:checked")
    assert chosen.get_attribute("value") != "*"
    assert unlabelled_inputs(browser) == []
    disable = browser.find_element(By.XPATH, "//tr[th[starts-with(., 'clerk')]]//button[contains(., 'ระงับบัญชี')]")
    click_and_wait(browser, disable)
    assert "ระงับบัญชี clerk แล้ว" in browser.find_element(By.CSS_SELECTOR, ".notice").text
    screenshot(browser, "60-console-admins-laptop", LAPTOP)
    sign_in(browser, console, "clerk")
    assert "บัญชีนี้ถูกระงับการใช้งาน" in browser.page_source
    sign_in(browser, console)
    browser.get(console.base + "/admin/admins")
    enable = browser.find_element(By.XPATH, "//tr[th[starts-with(., 'clerk')]]//button[contains(., 'เปิดใช้บัญชี')]")
    click_and_wait(browser, enable)
    browser.get(console.base + "/admin/audit")
    assert "ระงับบัญชีผู้ดูแล" in browser.page_source
    assert browser.find_elements(By.CSS_SELECTOR, "table.data th[scope=col]")
    screenshot(browser, "61-console-audit-laptop", LAPTOP)


def test_blank_new_round_is_refused_at_its_fields(console, browser):
    sign_in(browser, console)
    browser.get(console.base + "/admin/spare/rounds/new")
    assert unlabelled_inputs(browser) == []
    for name in ("year", "opens", "iitPopulation"):
        browser.find_element(By.NAME, name).clear()
    click_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='บันทึก' and not(@aria-hidden)]"))
    summary = browser.find_element(By.CSS_SELECTOR, ".summary")
    assert "จำนวนบุคลากร (ประชากร IIT)" in summary.text and "วันปิดรับคำตอบ" in summary.text
    link = summary.find_element(By.CSS_SELECTOR, "a[href='#f-iitPopulation']")
    staff = browser.find_element(By.ID, "f-iitPopulation")
    assert staff.get_attribute("aria-invalid") == "true"
    assert browser.find_element(By.ID, staff.get_attribute("aria-describedby")).is_displayed()
    screenshot(browser, "62-console-new-round-refused-laptop", LAPTOP)
    link.click()
    assert browser.switch_to.active_element.get_attribute("id") == "f-iitPopulation"
    # Asking for the minimum again shows the chosen rule's, without saving.
    staff.send_keys("60")
    browser.find_element(By.ID, "f-iitRule").find_element(By.CSS_SELECTOR, "option[value=yamane]").click()
    click_and_wait(browser, browser.find_element(By.NAME, "preview"))
    assert "ขั้นต่ำ 53 คน ตามสูตรของยามาเน่" in browser.find_element(By.ID, "m-iit").text


def test_slips_print_twelve_to_an_a4_sheet_with_cut_lines(console, browser):
    sign_in(browser, console)
    browser.get(console.base + "/admin/demo")
    year = re.search(r"/admin/demo/(\d{4})", browser.page_source).group(1)
    browser.get(f"{console.base}/admin/demo/{year}/codes")
    slips = re.search(r'href="(/admin/demo/\d+/codes/\d+/slips)"', browser.page_source).group(1)
    browser.get(console.base + slips)
    field = browser.find_element(By.ID, "f-count")
    field.clear()
    field.send_keys("24")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, ".slip-count button"))
    assert len(browser.find_elements(By.CSS_SELECTOR, ".slip")) == 24
    alt = browser.find_element(By.CSS_SELECTOR, ".slip img.qr").get_attribute("alt")
    assert "คิวอาร์โค้ด" in alt and not any(code in alt for code in console.codes)
    assert browser.find_element(By.PARTIAL_LINK_TEXT, "กลับไปหน้ารหัสผู้ตอบ")
    screenshot(browser, "63-console-slips-laptop", LAPTOP)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        style = browser.execute_script(
            "const s = getComputedStyle(document.querySelector('.slip')); return [s.borderTopStyle, s.borderTopWidth]")
        assert style[0] == "dashed" and style[1] != "0px", style
        assert not browser.find_element(By.CSS_SELECTOR, ".slips-tools").is_displayed()
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    pdf, info = print_a4(browser, "63-console-slips")
    assert re.search(r"Pages:\s+2\b", info), info
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert all(len(re.findall(r"ใช้ได้ครั้งเดียว", page)) == 12 for page in text.split("\f")[:2])


def test_dashboard_charts_span_the_round_on_a_numbered_axis(console, browser):
    sign_in(browser, console)
    browser.get(console.base + "/admin/demo")
    year = re.search(r"/admin/demo/(\d{4})", browser.page_source).group(1)
    browser.get(f"{console.base}/admin/demo/{year}")
    daily = browser.find_element(By.CSS_SELECTOR, "svg.daily")
    assert "31 ม.ค. 2642" in daily.find_element(By.TAG_NAME, "title").get_attribute("textContent")
    assert len(daily.find_elements(By.CSS_SELECTOR, "text[data-tick]")) == 3
    screenshot(browser, "64-console-dashboard-laptop", LAPTOP)


def test_archived_agency_form_says_closed(console, browser):
    sign_in(browser, console)
    browser.get(console.base + "/admin")
    archive = browser.find_element(By.XPATH, "//tr[td/a[contains(., 'เทศบาลตำบลสำรอง')]]//button")
    click_and_wait(browser, archive)
    assert "หน่วยงานที่ซ่อนไว้" in browser.page_source
    assert "คลัง" not in browser.page_source
    screenshot(browser, "65-console-archived-laptop", LAPTOP)
    browser.get(console.base + "/spare/eit")
    assert "ปิดแล้ว" in browser.page_source
    browser.get(console.base + "/")
    assert "เทศบาลตำบลสำรอง" not in browser.page_source
    assert "archived" in console.cli("agency", "list")


def test_own_password_change_needs_the_current_one(console, browser):
    sign_in(browser, console, "clerk")
    browser.get(console.base + "/admin/password")
    assert unlabelled_inputs(browser) == []
    browser.find_element(By.ID, "f-current").send_keys("not the password")
    browser.find_element(By.ID, "f-new").send_keys("a brand new password")
    browser.find_element(By.ID, "f-repeat").send_keys("a brand new password")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main button[type=submit]"))
    current = browser.find_element(By.ID, "f-current")
    assert "รหัสผ่านปัจจุบันไม่ถูกต้อง" in browser.find_element(By.ID, current.get_attribute("aria-describedby")).text
    screenshot(browser, "66-console-password-refused-laptop", LAPTOP)
    current.send_keys(ADMIN_PASSWORD)
    browser.find_element(By.ID, "f-new").send_keys("a brand new password")
    browser.find_element(By.ID, "f-repeat").send_keys("a brand new password")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main button[type=submit]"))
    assert "เปลี่ยนรหัสผ่านแล้ว" in browser.find_element(By.CSS_SELECTOR, ".notice").text
