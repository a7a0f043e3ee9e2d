"""A resident fills the EIT form on a phone with JavaScript off."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from conftest import OUTPUT, screenshot


def radio_groups(driver):
    names = []
    for radio in driver.find_elements(By.CSS_SELECTOR, "input[type=radio]"):
        name = radio.get_attribute("name")
        if name not in names:
            names.append(name)
    return names


def choose(driver, name, position=-1):
    """Taps the label of one option, as a thumb would."""
    options = driver.find_elements(By.CSS_SELECTOR, f"input[name='{name}']")
    options[position].find_element(By.XPATH, "..").click()
    return options[position].get_attribute("value")


def submit(driver):
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()


def test_fill_and_submit_on_a_phone(server, browser):
    browser.get(server + "/demo/eit")
    assert "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก" in browser.find_element(By.TAG_NAME, "h1").text
    screenshot(browser, "01-eit-empty")
    names = radio_groups(browser)
    assert len(names) == 4 + 19
    for name in names:
        choose(browser, name)
    screenshot(browser, "02-eit-filled")
    submit(browser)
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("/demo/eit/thanks"))
    assert "ขอบคุณที่ร่วมตอบแบบสอบถาม" in browser.find_element(By.TAG_NAME, "h1").text
    screenshot(browser, "03-eit-thanks")


def test_missing_answer_is_named_and_answers_kept(server, browser):
    browser.get(server + "/demo/eit")
    chosen = {}
    for name in radio_groups(browser):
        if name != "e9":
            chosen[name] = choose(browser, name, position=1)
    submit(browser)
    summary = WebDriverWait(browser, 10).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".summary")))
    assert "กรุณาตอบข้อ 9" in summary.text and "e9" not in summary.text
    question = browser.find_element(By.ID, "q-e9")
    assert "bad" in question.get_attribute("class")
    assert "กรุณาตอบข้อ 9" in question.text
    assert "Please answer" not in question.text
    for name, value in chosen.items():
        kept = browser.find_element(By.CSS_SELECTOR, f"input[name='{name}'][value='{value}']")
        assert kept.is_selected(), name
    screenshot(browser, "04-eit-missing-answer")
    choose(browser, "e9")
    submit(browser)
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("/demo/eit/thanks"))


def test_switch_to_english(server, browser):
    browser.get(server + "/demo/eit")
    browser.find_element(By.LINK_TEXT, "English").click()
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("lang=en"))
    assert "External perception survey" in browser.find_element(By.TAG_NAME, "h1").text
    screenshot(browser, "05-eit-english")


def test_poster_prints_on_a4(server, browser):
    browser.get(server + "/demo/eit/poster")
    assert browser.find_element(By.CSS_SELECTOR, ".qr svg").size["width"] > 200
    screenshot(browser, "06-eit-poster")


def test_readable_at_200_percent_zoom(server, browser):
    """A 412-pixel phone at 200 % zoom lays the page out in 206 CSS pixels: nothing may stick out."""
    browser.set_window_size(206, 915)
    try:
        browser.get(server + "/demo/eit")
        width = browser.find_element(By.TAG_NAME, "body").size["width"]
        for selector in ("main", "fieldset.q", "label", "button"):
            for element in browser.find_elements(By.CSS_SELECTOR, selector)[:10]:
                assert element.location["x"] + element.size["width"] <= width + 1, selector
        browser.save_screenshot(str(OUTPUT / "07-eit-zoom-200.png"))
    finally:
        browser.set_window_size(412, 915)
