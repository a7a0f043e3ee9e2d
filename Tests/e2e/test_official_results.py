"""Official results typed into the console by a coordinator, in a browser with JavaScript off."""
import json

import pytest
from selenium.webdriver.common.by import By

from conftest import ADMIN_PASSWORD, LAPTOP, Server, click_and_wait, screenshot
from test_admin import log_in

EXAMPLE_2566 = ["95.01", "84.45", "88.62", "83.07", "86.04", "85.07", "84.54", "82.73", "100", "100"]


@pytest.fixture(scope="module")
def tambon():
    """A เทศบาลตำบล that ran no round of its own, and an admin `root`."""
    running = Server()
    running.cli("agency", "add", "tambon", "--name-th", "เทศบาลตำบลตัวอย่าง", "--kind", "tm-s")
    running.cli("admin", "add", "root", "--all", "--password-stdin", stdin=ADMIN_PASSWORD + "\n")
    running.start()
    yield running
    running.stop()


def test_the_2566_example_entered_in_the_console(tambon, browser):
    browser.delete_all_cookies()
    log_in(browser, tambon, LAPTOP)
    browser.get(f"{tambon.base}/admin/tambon")
    year = browser.find_element(By.ID, "f-official-year")
    year.clear()
    year.send_keys("2566")
    year.submit()
    assert browser.current_url.endswith("/admin/tambon/official/2566")
    for number, score in enumerate(EXAMPLE_2566, start=1):
        browser.find_element(By.ID, f"f-indicator{number}").send_keys(score)
    browser.find_element(By.ID, "f-note8").send_keys("E11, E12: แสดงการปรับปรุงเทียบกับปีก่อน")
    browser.find_element(By.ID, "f-rows").send_keys(
        'e11,72.5,"เทียบกับปีก่อน, ทุกไตรมาส"\nO39,0,แผนต้องครอบคลุมทั้งปี\n,,ข้อสังเกตทั่วไป')
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.settings button[type=submit]"))
    assert browser.current_url.endswith("/admin/tambon/official/2566?saved=1")
    ranked = browser.find_elements(By.CSS_SELECTOR, "table[data-ranking] tbody tr")
    rows = [[cell.text for cell in row.find_elements(By.TAG_NAME, "td")[:3]] for row in ranked]
    assert [(rank, name.split()[0], score) for rank, name, score in rows] == [
        ("1", "9", "100.00"), ("1", "10", "100.00"), ("3", "1", "95.01"), ("4", "3", "88.62"),
        ("5", "5", "86.04"), ("6", "6", "85.07"), ("7", "7", "84.54"), ("8", "2", "84.45"),
        ("9", "4", "83.07"), ("10", "8", "82.73"),
    ]
    assert browser.find_element(By.CSS_SELECTOR, "[data-tool=total]").text == "91.47"
    assert browser.find_element(By.CSS_SELECTOR, "[data-level]").text == "ผ่าน"
    assert browser.find_element(By.CSS_SELECTOR, "[data-item=O39]").text == "0.00"
    screenshot(browser, "30-official-results", LAPTOP)
    official = json.loads(tambon.cli("report", "tambon", "--year", "2566", "--json"))["official"]
    assert (official["total"], official["level"]) == (91.47, "ผ่าน")
    assert [entry["number"] for entry in official["indicators"]] == [9, 10, 1, 3, 5, 6, 7, 2, 4, 8]


def test_a_bad_row_comes_back_with_what_was_typed(tambon, browser):
    browser.delete_all_cookies()
    log_in(browser, tambon, LAPTOP)
    browser.get(f"{tambon.base}/admin/tambon/official/2567")
    browser.find_element(By.ID, "f-indicator1").send_keys("95,01")
    browser.find_element(By.ID, "f-rows").send_keys("i5,80\ni99,50")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.settings button[type=submit]"))
    assert "บรรทัด 2: ไม่รู้จักรหัส “i99”" in browser.page_source
    assert browser.find_element(By.ID, "f-indicator1").get_attribute("value") == "95,01"
    assert browser.find_element(By.ID, "f-rows").get_attribute("value") == "i5,80\ni99,50"
    assert not browser.find_elements(By.CSS_SELECTOR, "[data-official-result]")
    screenshot(browser, "31-official-results-refused", LAPTOP)
