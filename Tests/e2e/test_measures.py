"""The integrity measures plan in a browser with JavaScript off: drafted from the official results, a row edited,
printed on A4 and downloaded as DOCX."""
import subprocess
import zipfile

import pytest
import requests
from selenium.webdriver.common.by import By

from conftest import ADMIN_PASSWORD, LAPTOP, OUTPUT, Server, click_and_wait, print_a4, screenshot
from test_admin import log_in

RESULTS = """id,score,note
1,95.01
2,84.45
3,88.62
4,83.07
5,86.04
6,85.07
7,84.54
8,82.73
9,100
10,100
i7,70,
e11,72.5,E11: แสดงการปรับปรุงเทียบกับปีก่อน
O12,0,
"""


@pytest.fixture(scope="module")
def tambon(tmp_path_factory):
    """A เทศบาลตำบล with its official 2566 results and no round, and an admin `root`."""
    running = Server()
    running.cli("agency", "add", "tambon", "--name-th", "เทศบาลตำบลตัวอย่าง", "--kind", "tm-s")
    results = tmp_path_factory.mktemp("measures") / "2566.csv"
    results.write_text(RESULTS, encoding="utf-8")
    running.cli("official", "tambon", "--year", "2566", str(results))
    running.cli("admin", "add", "root", "--all", "--password-stdin", stdin=ADMIN_PASSWORD + "\n")
    running.start()
    yield running
    running.stop()


def test_draft_edit_print_and_download(tambon, browser):
    browser.delete_all_cookies()
    log_in(browser, tambon, LAPTOP)
    browser.get(f"{tambon.base}/admin/tambon")
    year = browser.find_element(By.ID, "f-measures-year")
    year.clear()
    year.send_keys("2567")
    year.submit()
    assert browser.current_url.endswith("/admin/tambon/measures/2567")
    click_and_wait(browser, browser.find_element(By.XPATH, "//button[text()='ร่างมาตรการจากผลการประเมิน']"))
    assert browser.current_url.endswith("/admin/tambon/measures/2567?drafted=1")
    indicators = [cell.get_attribute("value") for cell in browser.find_elements(By.CSS_SELECTOR, "[id^=f-indicators-]")]
    assert indicators == ["2", "4", "7", "8", "9"]
    screenshot(browser, "40-measures-drafted", LAPTOP)

    measure = browser.find_element(By.ID, "f-measure-3")
    measure.clear()
    measure.send_keys("ประชาสัมพันธ์ช่องทางร้องเรียนทางหอกระจายข่าวและไลน์")
    owner = browser.find_element(By.ID, "f-owner-3")
    owner.clear()
    owner.send_keys("งานประชาสัมพันธ์ สำนักปลัด")
    browser.find_element(By.ID, "f-signer-name").send_keys("นายสมชาย ใจดี")
    browser.find_element(By.ID, "f-signer-position").send_keys("นายกเทศมนตรีตำบลตัวอย่าง")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.settings button[value=save]:not(.default-action)"))
    assert browser.current_url.endswith("/admin/tambon/measures/2567?saved=1")
    assert browser.find_element(By.ID, "f-measure-3").get_attribute("value").startswith("ประชาสัมพันธ์ช่องทางร้องเรียนทางหอ")

    # A bad indicator comes back with what was typed.
    box = browser.find_element(By.ID, "f-indicators-1")
    box.clear()
    box.send_keys("12")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.settings button[value=save]:not(.default-action)"))
    assert "ตัวชี้วัดของแถวที่ 1 ต้องเป็นเลข 1–10" in browser.page_source
    assert browser.find_element(By.ID, "f-indicators-1").get_attribute("value") == "12"
    screenshot(browser, "41-measures-refused", LAPTOP)

    browser.get(f"{tambon.base}/admin/tambon/measures/2567/print")
    rows = browser.find_elements(By.CSS_SELECTOR, "table[data-plan] tbody tr")
    assert len(rows) == 5
    assert rows[2].find_elements(By.TAG_NAME, "td")[1].text == "ประชาสัมพันธ์ช่องทางร้องเรียนทางหอกระจายข่าวและไลน์"
    screenshot(browser, "42-measures-print", LAPTOP)
    pdf, _ = print_a4(browser, "42-measures-print")
    printed = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    # Thai wraps inside words, so white space is left out of the comparison.
    printed = "".join(printed.split())
    assert "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานประจำปีงบประมาณพ.ศ.2567" in printed
    assert "(นายสมชายใจดี)" in printed

    # The download, with the browser's own session.
    session = requests.Session()
    for cookie in browser.get_cookies():
        session.cookies.set(cookie["name"], cookie["value"])
    download = session.get(f"{tambon.base}/admin/tambon/measures/2567/measures.docx", timeout=10)
    assert download.status_code == 200
    assert download.headers["Content-Disposition"].startswith('attachment; filename="tambon-measures-2567.docx"')
    docx = OUTPUT / "42-measures.docx"
    docx.write_bytes(download.content)
    with zipfile.ZipFile(docx) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    assert "ประชาสัมพันธ์ช่องทางร้องเรียนทางหอกระจายข่าวและไลน์" in body and "นายสมชาย ใจดี" in body

    browser.get(f"{tambon.base}/admin/tambon/measures/2567/follow-up")
    browser.find_element(By.ID, "f-output-3").send_keys("ป้ายและข่าว 12 ครั้ง")
    browser.find_element(By.ID, "f-outcome-3").send_keys("เรื่องร้องเรียนตอบกลับภายใน 7 วัน")
    browser.find_element(By.ID, "f-officer-name").send_keys("นางสาวสมศรี ขยันดี")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.settings button[type=submit]"))
    assert browser.current_url.endswith("/follow-up?saved=1")
    browser.get(f"{tambon.base}/admin/tambon/measures/2567/follow-up/print")
    assert "เรื่องร้องเรียนตอบกลับภายใน 7 วัน" in browser.page_source
    screenshot(browser, "43-follow-up-print", LAPTOP)
    print_a4(browser, "43-follow-up-print")
