"""EIT counter slips: the coordinator prints them, a visitor answers once with one, on a phone with JavaScript off."""
import json
import re
import subprocess

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ADMIN_PASSWORD, LAPTOP, Server, print_a4, screenshot
from test_admin import log_in
from test_eit_form import choose, radio_groups


@pytest.fixture(scope="module")
def slipped():
    running = Server()
    running.cli("agency", "add", "demo", "--name-th", "องค์การบริหารส่วนตำบลตัวอย่าง", "--kind", "sao-m")
    running.cli("round", "open", "demo", "--eit-codes")
    running.codes = running.cli("codes", "demo", "--form", "eit", "--count", "12").split()
    running.cli("admin", "add", "root", "--all", "--password-stdin", stdin=ADMIN_PASSWORD + "\n")
    running.start()
    yield running
    running.stop()


def test_slips_print_on_a4_with_the_eit_qr(slipped, browser):
    year = json.loads(slipped.cli("report", "demo", "--json"))["year"]
    browser.delete_all_cookies()
    log_in(browser, slipped, LAPTOP)
    browser.get(f"{slipped.base}/admin/demo/{year}/codes")
    section = browser.find_element(By.ID, "codes-eit")
    assert "บัตรรหัสเคาน์เตอร์ EIT" in section.text
    section.find_element(By.LINK_TEXT, "พิมพ์บัตร").click()
    slips = WebDriverWait(browser, 10).until(
        expected_conditions.presence_of_all_elements_located((By.CSS_SELECTOR, ".slip")))
    assert len(slips) == 12
    printed = sorted(slip.find_element(By.CSS_SELECTOR, ".code").text for slip in slips)
    assert printed == sorted(slipped.codes)
    for slip in slips:
        image = slip.find_element(By.CSS_SELECTOR, "img.qr")
        assert image.get_attribute("src").endswith("/demo/eit/qr.svg")
        # The image loaded: it is drawn at its printed size, 3.5 cm square.
        assert image.size["width"] > 100 and image.size["width"] == image.size["height"]
    screenshot(browser, "30-counter-slips", LAPTOP)
    pdf, info = print_a4(browser, "30-counter-slips")
    # Twelve slips fit on one sheet, and none is cut across two.
    assert re.search(r"Pages:\s+1\n", info), info
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert all(code in text for code in slipped.codes)


def test_visitor_answers_once_with_a_slip(slipped, browser):
    browser.delete_all_cookies()
    browser.get(slipped.base + "/demo/eit/poster")
    assert "ขอรับบัตรรหัสจากเจ้าหน้าที่" in browser.find_element(By.CSS_SELECTOR, ".slip-note").text
    browser.get(slipped.base + "/demo/eit")
    assert "กรอกรหัสผู้ตอบ" in browser.find_element(By.TAG_NAME, "h1").text
    assert "เจ้าหน้าที่มอบให้" in browser.find_element(By.TAG_NAME, "main").text
    screenshot(browser, "31-counter-slip-code")
    code = slipped.codes[0]
    browser.find_element(By.ID, "code").send_keys(code.lower())
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]:not([name])").click()
    WebDriverWait(browser, 10).until(expected_conditions.presence_of_element_located((By.NAME, "e1a")))
    assert code.replace("-", "") not in browser.current_url.upper()
    assert code.replace("-", "") not in browser.page_source
    for name in radio_groups(browser):
        choose(browser, name)
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("/demo/eit/thanks"))
    browser.get(slipped.base + "/demo/eit")
    browser.find_element(By.ID, "code").send_keys(code)
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]:not([name])").click()
    summary = WebDriverWait(browser, 10).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".summary")))
    assert "รหัสนี้ถูกใช้ไปแล้ว" in summary.text
    report = json.loads(slipped.cli("report", "demo", "--json"))
    assert report["eit"]["responses"] == 1, report
