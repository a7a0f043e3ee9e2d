"""The public pages as residents and staff meet them: a 360×800 phone, JavaScript off, a weak network."""
import gzip
import json
import os
import re
import socket
import urllib.parse

import pytest
import requests
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from conftest import (ADMIN_PASSWORD, OUTPUT, PHONE, ROOT, SMALL_PHONE, Server, axe_violations, click_and_wait,
                      describe_violations, screenshot)
from test_eit_form import choose, radio_groups

AGENCY = "องค์การบริหารส่วนตำบลตัวอย่าง"


@pytest.fixture(scope="module")
def site():
    """An agency whose IIT asks for staff codes and whose EIT asks for counter slips, and one without either."""
    running = Server()
    running.cli("agency", "add", "demo", "--name-th", AGENCY, "--name-en", "Example SAO", "--kind", "sao-m")
    running.cli("round", "open", "demo", "--iit-population", "60", "--iit-codes")
    running.codes = running.cli("codes", "demo", "--count", "6").split()
    running.cli("agency", "add", "tambon", "--name-th", "เทศบาลตำบลทดสอบ", "--kind", "tm-s")
    running.cli("round", "open", "tambon", "--iit-population", "30", "--eit-codes")
    running.slips = running.cli("codes", "tambon", "--form", "eit", "--count", "4").split()
    running.cli("admin", "add", "root", "--all", "--password-stdin", stdin=ADMIN_PASSWORD + "\n")
    running.start()
    yield running
    running.stop()


@pytest.fixture()
def phone(browser):
    """The shared JavaScript-off browser as a 360×800 phone, with no cookie from an earlier test."""
    browser.delete_all_cookies()
    browser.set_window_size(*SMALL_PHONE)
    yield browser
    browser.set_window_size(*PHONE)


def responses(server, slug, form):
    return json.loads(server.cli("report", slug, "--json"))[form]["responses"]


def fill_all(driver, skip=()):
    for name in radio_groups(driver):
        if name not in skip:
            choose(driver, name)


def send(driver):
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form button[type=submit]:not([name])"))


def enter_code(driver, code):
    field = driver.find_element(By.ID, "code")
    field.clear()
    field.send_keys(code)
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "button[type=submit]:not([name])"))


def assert_accessible(driver, page, skip=()):
    violations = axe_violations(driver, skip=skip)
    assert violations == [], f"{page}:\n{describe_violations(violations)}"


def test_errors_name_the_question_as_the_page_numbers_it(site, phone):
    phone.get(site.base + "/demo/eit")
    screenshot(phone, "50-public-eit-form", SMALL_PHONE)
    fill_all(phone, skip=("e7", "e1b"))
    send(phone)
    summary = phone.find_element(By.CSS_SELECTOR, ".summary")
    links = {link.text: link.get_attribute("href") for link in summary.find_elements(By.TAG_NAME, "a")}
    assert set(links) == {"กรุณาตอบข้อ 1 ข้อย่อย ข", "กรุณาตอบข้อ 7"}, links
    assert not re.search(r"\be\d", summary.text) and "Please" not in summary.text
    for field, message in (("e1b", "กรุณาตอบข้อ 1 ข้อย่อย ข"), ("e7", "กรุณาตอบข้อ 7")):
        question = phone.find_element(By.ID, f"q-{field}")
        assert question.find_element(By.CSS_SELECTOR, ".msg").text == message
        assert "Please" not in question.text
    assert phone.find_element(By.CSS_SELECTOR, "#q-e1b legend").text.startswith("ข.")
    assert phone.find_element(By.CSS_SELECTOR, "#q-e7 legend").text.startswith("7.")
    screenshot(phone, "51-public-eit-error", SMALL_PHONE)
    assert_accessible(phone, "EIT error state")
    # The summary's link goes to its question.
    summary.find_element(By.LINK_TEXT, "กรุณาตอบข้อ 7").click()
    WebDriverWait(phone, 5).until(lambda d: urllib.parse.urlparse(d.current_url).fragment == "q-e7")
    top = phone.execute_script("return document.getElementById('q-e7').getBoundingClientRect().top")
    # Scrolled to the question: its top at the window's top, give or take a fraction of a pixel.
    assert -1 <= top < SMALL_PHONE[1] / 2

    phone.get(site.base + "/demo/eit?lang=en")
    fill_all(phone, skip=("e7", "e1b"))
    send(phone)
    summary = phone.find_element(By.CSS_SELECTOR, ".summary")
    texts = [link.text for link in summary.find_elements(By.TAG_NAME, "a")]
    assert texts == ["Please answer question 1, part b.", "Please answer question 7."], texts
    assert "กรุณา" not in summary.text
    assert phone.find_element(By.CSS_SELECTOR, "#q-e7 .msg").text == "Please answer question 7."


def test_top_of_the_form_says_every_question_counts_and_how_long(site, phone):
    phone.get(site.base + "/tambon/iit")
    about = phone.find_element(By.CSS_SELECTOR, ".about").text
    assert "ต้องตอบทุกข้อ" in about and "30 ข้อ" in about and "54 คำตอบ" in about
    minutes = int(re.search(r"ใช้เวลาประมาณ (\d+) นาที", about).group(1))
    assert minutes >= 8, about
    phone.get(site.base + "/tambon/iit?lang=en")
    about = phone.find_element(By.CSS_SELECTOR, ".about").text
    assert "Every question must be answered" in about and "30 questions, 54 answers" in about
    assert f"about {minutes} minutes" in about


def test_back_after_thanks_then_send_stores_nothing_and_says_so(site, phone):
    before = responses(site, "tambon", "eit")
    phone.get(site.base + "/tambon/eit")
    enter_code(phone, site.slips[0])
    fill_all(phone)
    send(phone)
    assert "/tambon/eit/thanks" in phone.current_url
    text = phone.find_element(By.TAG_NAME, "main").text
    assert "ขอบคุณที่ร่วมตอบแบบสอบถาม" in text and "เทศบาลตำบลทดสอบ ได้รับคำตอบของท่านครบทุกข้อแล้ว" in text
    screenshot(phone, "52-public-eit-thanks", SMALL_PHONE)
    assert_accessible(phone, "thank-you page")
    assert responses(site, "tambon", "eit") == before + 1

    phone.back()
    WebDriverWait(phone, 10).until(expected_conditions.presence_of_element_located((By.NAME, "e1a")))
    # Back shows the page as it was sent, answers and spent token included.
    assert phone.find_element(By.CSS_SELECTOR, "input[name=e1a]:checked")
    send(phone)
    assert "/tambon/eit/received" in phone.current_url
    text = phone.find_element(By.TAG_NAME, "main").text
    assert "ได้รับคำตอบของท่านแล้ว" in text and "ไม่ได้บันทึกซ้ำ" in text
    assert "ขออภัย" not in text and "รหัส" not in text
    screenshot(phone, "53-public-already-received", SMALL_PHONE)
    assert_accessible(phone, "already-received page")
    assert responses(site, "tambon", "eit") == before + 1


def test_staff_back_after_thanks_then_send_stores_nothing(site, phone):
    before = responses(site, "demo", "iit")
    phone.get(site.base + "/demo/iit")
    enter_code(phone, site.codes[0])
    fill_all(phone)
    send(phone)
    assert "/demo/iit/thanks" in phone.current_url
    phone.back()
    WebDriverWait(phone, 10).until(expected_conditions.presence_of_element_located((By.NAME, "i1a")))
    send(phone)
    assert "/demo/iit/received" in phone.current_url
    assert "ได้รับคำตอบของท่านแล้ว" in phone.find_element(By.TAG_NAME, "h1").text
    assert responses(site, "demo", "iit") == before + 1


@pytest.mark.parametrize("slug,form,codes", [("demo", "iit", "codes"), ("tambon", "eit", "slips")])
def test_wrong_code_is_kept_and_english_keeps_the_code(site, phone, slug, form, codes):
    phone.get(f"{site.base}/{slug}/{form}")
    enter_code(phone, "abcd-efgx")
    assert phone.find_element(By.ID, "code").get_attribute("value") == "abcd-efgx"
    assert "ไม่พบรหัสนี้" in phone.find_element(By.CSS_SELECTOR, ".summary").text
    assert_accessible(phone, f"{form} code page with a wrong code")
    # English is a button of the code's own form: the typed code goes in the body, never in an address.
    field = phone.find_element(By.ID, "code")
    field.clear()
    good = getattr(site, codes)[1]
    field.send_keys(good)
    click_and_wait(phone, phone.find_element(By.CSS_SELECTOR, "button[name=switch]"))
    assert phone.find_element(By.ID, "code").get_attribute("value") == good
    assert "Enter your access code" in phone.find_element(By.TAG_NAME, "h1").text
    assert good.replace("-", "") not in phone.current_url.upper().replace("-", "")
    click_and_wait(phone, phone.find_element(By.CSS_SELECTOR, "button[type=submit]:not([name])"))
    assert phone.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    # The code entered stays entered across the language link: the ballot cookie goes with it.
    click_and_wait(phone, phone.find_element(By.LINK_TEXT, "ภาษาไทย"))
    assert phone.find_elements(By.NAME, f"{form[0]}1a") and not phone.find_elements(By.ID, "code")
    assert phone.find_element(By.TAG_NAME, "html").get_attribute("lang") == "th"
    assert good.replace("-", "") not in phone.current_url.upper().replace("-", "")


@pytest.fixture(scope="module")
def english_phone():
    """A Chromium whose language is English, JavaScript off."""
    options = Options()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     f"--window-size={SMALL_PHONE[0]},{SMALL_PHONE[1]}", "--lang=en-US"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2,
                                              "intl.accept_languages": "en-US,en"})
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")),
                              options=options)
    yield driver
    driver.quit()


def test_an_english_phone_gets_english_unless_thai_is_chosen(site, english_phone):
    english_phone.get(site.base + "/")
    assert english_phone.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    english_phone.get(site.base + "/tambon/iit")
    assert "Every question must be answered" in english_phone.find_element(By.CSS_SELECTOR, ".about").text
    click_and_wait(english_phone, english_phone.find_element(By.LINK_TEXT, "ภาษาไทย"))
    assert english_phone.find_element(By.TAG_NAME, "html").get_attribute("lang") == "th"
    # The choice holds on the next page: a send with a missing answer comes back in Thai.
    send(english_phone)
    assert english_phone.find_element(By.TAG_NAME, "html").get_attribute("lang") == "th"
    assert "กรุณาตอบข้อ 1" in english_phone.find_element(By.CSS_SELECTOR, ".summary").text


def wire_bytes(base, path, accept_encoding):
    """Everything the server sends for one GET over a fresh connection (status line, headers, body), and the
    headers and body apart."""
    host, port = urllib.parse.urlparse(base).netloc.split(":")
    request = f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n"
    if accept_encoding:
        request += f"Accept-Encoding: {accept_encoding}\r\n"
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall((request + "\r\n").encode())
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    headers = {line.split(b":", 1)[0].decode().lower(): line.split(b":", 1)[1].strip().decode()
               for line in head.split(b"\r\n")[1:]}
    return len(received), headers, body


def test_the_eit_page_with_its_stylesheet_is_at_most_6_kb_on_the_wire(site):
    total = 0
    sizes = {}
    for path in ("/demo/eit", "/demo/iit", "/static/prongsai.css"):
        size, headers, body = wire_bytes(site.base, path, "gzip, deflate, br")
        assert headers.get("content-encoding") == "gzip", path
        assert "Accept-Encoding" in headers.get("vary", ""), path
        plain_size, plain_headers, plain = wire_bytes(site.base, path, None)
        assert "content-encoding" not in plain_headers, path
        # The same page either way, but for the form's fresh token.
        strip = lambda html: re.sub(rb'name="token" value="[^"]+"', b"", html)
        assert strip(gzip.decompress(body)) == strip(plain), path
        sizes[path] = (size, plain_size)
    for path in ("/demo/eit", "/static/prongsai.css"):
        total += sizes[path][0]
    assert total <= 6 * 1024, sizes
    (OUTPUT / "public-page-sizes.txt").write_text(
        "".join(f"{path}: {wire} bytes gzipped, {plain} plain (headers included)\n"
                for path, (wire, plain) in sizes.items()))


def test_icon_exists_and_is_kept_for_a_year(site, phone):
    phone.get(site.base + "/demo/eit?lang=th")
    href = phone.find_element(By.CSS_SELECTOR, "link[rel=icon]").get_attribute("href")
    icon = requests.get(href)
    assert icon.status_code == 200 and icon.headers["Content-Type"] == "image/svg+xml"
    assert "max-age=31536000" in icon.headers["Cache-Control"]
    assert icon.content.startswith(b"<svg")


def relative_luminance(hex_colour):
    if len(hex_colour) == 4:
        hex_colour = "#" + "".join(digit * 2 for digit in hex_colour[1:])
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first, second):
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_focus_ring_stands_out_from_every_background_it_sits_on(site, phone):
    css = (ROOT / "WebForms" / "static" / "prongsai.css").read_text()
    colour = r"(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3})\b"
    ring = re.search(r"[^{}]*:focus[^{}]*\{[^}]*outline:\s*\d+px solid " + colour, css).group(1)
    page = re.search(r"body\{[^}]*background:" + colour, css).group(1)
    card = re.search(r"\.q\{[^}]*background:" + colour, css).group(1)
    chosen = re.search(r"input:checked\+span\{[^}]*background:" + colour, css).group(1)
    for background in (page, card, chosen, "#ffffff"):
        assert contrast(ring, background) >= 3, (ring, background, contrast(ring, background))
    # In the browser, a focused answer shows that ring around the whole option.
    phone.get(site.base + "/demo/eit?lang=th")
    radio = phone.find_elements(By.CSS_SELECTOR, "input[name=e2]")[1]
    phone.execute_script("arguments[0].focus()", radio)
    style = phone.execute_script(
        "const s = getComputedStyle(arguments[0].nextElementSibling);"
        "return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor]", radio)
    red, green, blue = (int(ring[i:i + 2], 16) for i in (1, 3, 5))
    assert style[0] == "solid" and style[1] >= 3 and style[2] == f"rgb({red}, {green}, {blue})", style


def test_a_chosen_answer_looks_chosen_without_has(site, phone):
    css = (ROOT / "WebForms" / "static" / "prongsai.css").read_text()
    assert ":has(" not in css
    phone.get(site.base + "/demo/eit?lang=th")
    # Any :has rule a later edit might add is taken out first, as a browser without :has would ignore it.
    phone.execute_script(
        "for (const sheet of document.styleSheets) for (let i = sheet.cssRules.length - 1; i >= 0; i--)"
        " if ((sheet.cssRules[i].selectorText || '').includes(':has(')) sheet.deleteRule(i);")
    choose(phone, "e2", 2)
    look = ("const s = getComputedStyle(arguments[0].nextElementSibling);"
            "return [s.backgroundColor, s.borderTopColor, s.fontWeight, s.boxShadow]")
    options = phone.find_elements(By.CSS_SELECTOR, "input[name=e2]")
    assert options[2].is_selected()
    chosen = phone.execute_script(look, options[2])
    other = phone.execute_script(look, options[1])
    assert chosen[0] != other[0] and chosen[1] != other[1], (chosen, other)


def counter_display(server):
    """A counter screen's link, made by the agency's admin."""
    session = requests.Session()
    page = session.get(server.base + "/admin/login").text
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    session.post(server.base + "/admin/login", data={"csrf": token, "username": "root", "password": ADMIN_PASSWORD})
    agency = session.get(server.base + "/admin/demo").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', agency).group(1)
    action = re.search(r'<form method="post" action="([^"]*counter-links)"', agency).group(1)
    made = session.post(server.base + action, data={"csrf": csrf}).text
    return re.search(r"data-counter-link>([^<]+)<", made).group(1)


def test_every_public_page_passes_axe(site, phone):
    pages = ["/", "/?lang=en", "/demo/eit", "/demo/eit?lang=en", "/tambon/eit", "/tambon/eit?lang=en", "/demo/iit", "/demo/iit?lang=en",
             "/demo/eit/poster", "/demo/iit/poster", "/demo/eit/thanks", "/demo/eit/received", "/nowhere/eit"]
    for path in pages:
        phone.get(site.base + path)
        assert_accessible(phone, path)
    phone.get(site.base + "/demo/iit")
    enter_code(phone, site.codes[2])
    assert phone.find_elements(By.NAME, "i1a")
    assert_accessible(phone, "IIT form")
    send(phone)
    assert phone.find_elements(By.CSS_SELECTOR, ".summary")
    assert_accessible(phone, "IIT form with every answer missing")
    phone.get(counter_display(site))
    # The counter screen reloads itself only in the screen mode its own link turns on (?refresh=1).
    assert not phone.find_elements(By.CSS_SELECTOR, "meta[http-equiv=refresh]")
    assert_accessible(phone, "counter display")
