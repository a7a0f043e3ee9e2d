"""The official ITAS links: entered in the console with JavaScript off, printed as an A4 poster labelled as the
NACC's assessment, beside the agency's own poster, which says it is the agency's own survey."""
import base64
import re
import subprocess

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.print_page_options import PrintOptions

from conftest import ADMIN_PASSWORD, LAPTOP, OUTPUT, Server, click_and_wait, screenshot

# A laptop's width with room for the whole A4 poster in one picture.
POSTER = (LAPTOP[0], 1600)
from test_admin import log_in

IIT = "https://itas.nacc.go.th/go/iit/Ab12Cd"
EIT = "https://itas.nacc.go.th/go/eit/9XY8Z7"


@pytest.fixture(scope="module")
def linked():
    running = Server().demo()
    running.cli("admin", "add", "root", "--all", "--password-stdin", stdin=ADMIN_PASSWORD + "\n")
    running.start()
    yield running
    running.stop()


def zbar(png):
    """What zbar reads in a saved screenshot."""
    done = subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True)
    return done.stdout.strip()


def printed(browser, name):
    """Prints the page on A4 and returns the PDF's page count and text."""
    options = PrintOptions()
    options.page_width = 21.0
    options.page_height = 29.7
    pdf = OUTPUT / f"{name}.pdf"
    pdf.write_bytes(base64.b64decode(browser.print_page(options)))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info), info
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return pages, text


def test_links_entered_and_official_poster_printed(linked, browser):
    browser.delete_all_cookies()
    log_in(browser, linked, LAPTOP)
    browser.get(linked.base + "/admin/demo")
    click_and_wait(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "ลิงก์ ITAS ปีงบประมาณ"))
    assert "ITAS" in browser.find_element(By.TAG_NAME, "h1").text
    # A link of another host is refused with the reason, and what was typed stays in the box.
    browser.find_element(By.ID, "f-iitLink").send_keys(IIT)
    browser.find_element(By.ID, "f-eitLink").send_keys("https://itas.example.com/go/eit/9XY8Z7")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.settings button[type=submit]"))
    assert "ไม่ใช่ลิงก์ของระบบ ITAS" in browser.find_element(By.CSS_SELECTOR, "p.msg").text
    assert browser.find_element(By.ID, "f-eitLink").get_attribute("value") == "https://itas.example.com/go/eit/9XY8Z7"
    assert browser.find_element(By.ID, "f-iitLink").get_attribute("value") == IIT
    assert not browser.find_elements(By.CSS_SELECTOR, "[data-stored-link]")
    eit = browser.find_element(By.ID, "f-eitLink")
    eit.clear()
    eit.send_keys(EIT)
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.settings button[type=submit]"))
    assert "บันทึกแล้ว" in browser.find_element(By.CSS_SELECTOR, ".notice").text
    stored = browser.find_elements(By.CSS_SELECTOR, "[data-stored-link]")
    assert [IIT in stored[0].text, EIT in stored[1].text] == [True, True]
    screenshot(browser, "40-official-links", LAPTOP)

    click_and_wait(browser, stored[0].find_element(By.LINK_TEXT, "พิมพ์โปสเตอร์"))
    poster = browser.find_element(By.CSS_SELECTOR, "main.poster.official")
    assert "การประเมิน ITA ของสำนักงาน ป.ป.ช. ผ่านระบบ ITAS" in poster.text
    assert browser.find_element(By.CSS_SELECTOR, ".url").text == IIT
    assert not browser.find_elements(By.CSS_SELECTOR, "link[href^=http], img[src^=http]")
    screenshot(browser, "41-official-poster-iit", POSTER)
    # What a phone's camera reads off the poster is exactly the official link.
    assert zbar(OUTPUT / "41-official-poster-iit.png") == IIT
    pages, text = printed(browser, "41-official-poster-iit")
    assert pages == 1, text
    assert IIT in text and "ITAS" in text


def test_own_poster_says_it_is_the_agencys_own(linked, browser):
    browser.delete_all_cookies()
    browser.set_window_size(*LAPTOP)
    browser.get(linked.base + "/demo/eit/poster")
    poster = browser.find_element(By.CSS_SELECTOR, "main.poster.own")
    assert "แบบสอบถามของหน่วยงานเอง" in poster.text
    assert "ไม่ส่งให้ ป.ป.ช." in poster.text
    assert "ของ ป.ป.ช." not in poster.text and "ITAS" not in poster.text
    screenshot(browser, "42-own-poster-eit", POSTER)
    assert zbar(OUTPUT / "42-own-poster-eit.png") == linked.base + "/demo/eit"
    pages, text = printed(browser, "42-own-poster-eit")
    assert pages == 1, text
