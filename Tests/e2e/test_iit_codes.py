"""A member of staff answers the IIT with the code from a slip, on a phone with JavaScript off."""
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from conftest import Server, screenshot
from test_eit_form import choose, radio_groups


@pytest.fixture(scope="module")
def coded():
    running = Server().demo_with_codes(count=3)
    running.start()
    yield running
    running.stop()


def test_code_typed_loosely_opens_the_form_once(coded, browser):
    browser.delete_all_cookies()
    browser.get(coded.base + "/demo/iit")
    assert "กรอกรหัสผู้ตอบ" in browser.find_element(By.TAG_NAME, "h1").text
    typed = " " + coded.codes[0].lower().replace("-", " ") + " "
    browser.find_element(By.ID, "code").send_keys(typed)
    # The English button keeps what was typed.
    browser.find_element(By.CSS_SELECTOR, "button[name=switch]").click()
    WebDriverWait(browser, 10).until(
        expected_conditions.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Enter your access code"))
    assert browser.find_element(By.ID, "code").get_attribute("value") == typed
    screenshot(browser, "10-iit-code-english")
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]:not([name])").click()
    WebDriverWait(browser, 10).until(expected_conditions.presence_of_element_located((By.NAME, "i1a")))
    # Neither the address nor the page holds the code.
    assert coded.codes[0].replace("-", "") not in browser.current_url.upper()
    assert coded.codes[0].replace("-", "") not in browser.page_source
    for name in radio_groups(browser):
        choose(browser, name)
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("/demo/iit/thanks"))
    # The ballot is gone: the form asks for a code again, and the used code is refused.
    browser.get(coded.base + "/demo/iit")
    assert browser.find_elements(By.ID, "code")
    browser.find_element(By.ID, "code").send_keys(coded.codes[0])
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]:not([name])").click()
    summary = WebDriverWait(browser, 10).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".summary")))
    assert "รหัสนี้ถูกใช้ไปแล้ว" in summary.text
    screenshot(browser, "11-iit-code-used")


def test_wrong_code_is_named_and_kept(coded, browser):
    browser.delete_all_cookies()
    browser.get(coded.base + "/demo/iit")
    browser.find_element(By.ID, "code").send_keys("ABCD-EFG")
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]:not([name])").click()
    summary = WebDriverWait(browser, 10).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".summary")))
    assert "ไม่พบรหัสนี้" in summary.text
    assert browser.find_element(By.ID, "code").get_attribute("value") == "ABCD-EFG"
    screenshot(browser, "12-iit-code-wrong")
