"""The admin console against the real CLI, and in a browser on a laptop and a phone."""
import csv
import io
import json
import re
import subprocess

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ADMIN_PASSWORD, LAPTOP, PHONE, print_a4, screenshot


def signed_in(server):
    session = requests.Session()
    page = session.get(server.base + "/admin/login").text
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    response = session.post(
        server.base + "/admin/login", data={"csrf": token, "username": "root", "password": ADMIN_PASSWORD}
    )
    assert response.url.endswith("/admin"), response.status_code
    return session


def current_year(server):
    return json.loads(server.cli("report", "demo", "--json"))["year"]


def exported_and_scored(server, session, year, tmp_path):
    """Both forms' exports, read back, and `prongsai score` of the two together."""
    rows, columns = [], ["form", "day", "gender", "age", "education", "contact"]
    exported = {}
    for form in ("iit", "eit"):
        text = session.get(f"{server.base}/admin/demo/{year}/export.csv?form={form}").content.decode("utf-8-sig")
        reader = csv.DictReader(io.StringIO(text))
        columns += [name for name in reader.fieldnames if name not in columns]
        exported[form] = list(reader)
        rows += exported[form]
    combined = tmp_path / "both.csv"
    with open(combined, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=columns, restval="")
        writer.writeheader()
        writer.writerows(rows)
    scored = json.loads(server.cli(
        "score", str(combined), "--json", "--year", str(year), "--kind", "sao-m", "--iit-population", "60",
        "--oit", "90.5"))
    return exported, scored


def test_dashboard_scores_equal_the_scored_export(admin_server, tmp_path):
    # The dashboard and the exports show the same released answers (today's and a tail under k wait), so
    # scoring the exports gives the dashboard's numbers; the operator's report counts every answer.
    session = signed_in(admin_server)
    report = json.loads(admin_server.cli("report", "demo", "--json"))
    year = report["year"]
    _, scored = exported_and_scored(admin_server, session, year, tmp_path)
    html = session.get(f"{admin_server.base}/admin/demo/{year}").text
    shown = dict(re.findall(r'data-indicator="(\d)">([^<]+)<', html))
    expected = {**scored["iit"]["indicators"], **scored["eit"]["indicators"]}
    assert shown == {number: f"{score:.2f}" for number, score in expected.items()}
    items = dict(re.findall(r'data-item="([ie]\d+)">([^<]+)<', html))
    assert items == {item: f"{score:.2f}" for item, score in {**scored["iit"]["items"], **scored["eit"]["items"]}.items()}
    tools = dict(re.findall(r'data-tool="(\w+)">([^<]+)<', html))
    assert tools == {
        "iit": f"{scored['iit']['score']:.2f}", "eit": f"{scored['eit']['score']:.2f}",
        "oit": f"{scored['oit']:.2f}", "total": f"{scored['total']:.2f}",
    }
    assert re.search(r"data-level>([^<]+)<", html).group(1) == scored["level"]
    assert f'<span data-responses="eit">{scored["eit"]["responses"]}</span>' in html
    assert 0 < scored["eit"]["responses"] <= report["eit"]["responses"]
    assert 0 < scored["iit"]["responses"] <= report["iit"]["responses"]


def test_exports_are_k_anonymous(admin_server, tmp_path):
    session = signed_in(admin_server)
    year = current_year(admin_server)
    exported, _ = exported_and_scored(admin_server, session, year, tmp_path)
    for form, k, dimensions in (("iit", 5, ("gender", "age", "education")),
                                ("eit", 3, ("gender", "age", "education", "contact"))):
        classes = {}
        for row in exported[form]:
            key = (row["day"],) + tuple(row[name] for name in dimensions)
            classes[key] = classes.get(key, 0) + 1
        assert classes and min(classes.values()) >= k, (form, classes)
        document = session.get(f"{admin_server.base}/admin/demo/{year}/export.json?form={form}").json()
        assert "blanked" not in document
        assert len(document["responses"]) == len(exported[form])
    html = session.get(f"{admin_server.base}/admin/demo/{year}").text
    for table in re.findall(r'<table class="data profile">([\s\S]*?)</table>', html):
        numbers = [int(n) for n in re.findall(r'<td class="n">(\d+)</td>', table)]
        k = 5 if "<caption>IIT" in table else 3
        assert not [n for n in numbers if 0 < n < k], table


def log_in(browser, server, size):
    browser.set_window_size(*size)
    browser.get(server.base + "/admin/login")
    browser.find_element(By.NAME, "username").send_keys("root")
    browser.find_element(By.NAME, "password").send_keys(ADMIN_PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(browser, 10).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "header.bar")))


def test_console_on_laptop_and_phone(admin_server, browser):
    year = current_year(admin_server)
    for label, size in (("laptop", LAPTOP), ("phone", PHONE)):
        browser.delete_all_cookies()
        log_in(browser, admin_server, size)
        browser.get(f"{admin_server.base}/admin/demo/{year}")
        assert "ปีงบประมาณ" in browser.find_element(By.TAG_NAME, "h1").text
        assert browser.find_element(By.CSS_SELECTOR, "progress").is_displayed()
        assert len(browser.find_elements(By.CSS_SELECTOR, "svg.chart rect")) == 8
        screenshot(browser, f"10-dashboard-{label}", size)
        browser.get(f"{admin_server.base}/admin/demo/counter")
        assert browser.find_element(By.TAG_NAME, "h1").is_displayed()
        screenshot(browser, f"11-counter-{label}", size)
        browser.get(f"{admin_server.base}/admin/demo/{year}/report")
        assert "รายงานการวิเคราะห์ผล" in browser.find_element(By.TAG_NAME, "h1").text
        assert "เทียบกับปีงบประมาณ 2569" in browser.page_source
        screenshot(browser, f"12-report-{label}", size)
        browser.get(f"{admin_server.base}/admin/demo/{year}/edit")
        screenshot(browser, f"13-round-settings-{label}", size)


def test_report_prints_on_a4_without_cut_tables(admin_server, browser):
    year = current_year(admin_server)
    browser.delete_all_cookies()
    log_in(browser, admin_server, LAPTOP)
    browser.get(f"{admin_server.base}/admin/demo/{year}/report")
    pdf, _ = print_a4(browser, "12-report")
    # -raw keeps the order the text is drawn in, so that tone marks stay on their letters.
    pages = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = pages.split("\f")
    assert len(pages) >= 2
    # Every table keeps its caption and its last row on one page; the ranked table all eight indicators.
    for caption, last in [("IIT: ช่วงอายุ", "รวม"), ("IIT: ระดับการศึกษา", "รวม"), ("EIT: ประเภทผู้มาติดต่อหน่วยงาน", "รวม"),
                          ("เกณฑ์", "ต้องปรับปรุงโดยด่วน")]:
        holding = [page for page in pages if caption in page]
        assert len(holding) >= 1, caption
        after = holding[0].split(caption, 1)[1]
        assert last in after, f"{caption} is cut across pages"
    ranked = [page for page in pages if "คะแนนและอันดับของตัวชี้วัด" in page]
    assert len(ranked) == 1
    after = ranked[0].split("คะแนนและอันดับของตัวชี้วัด", 1)[1]
    for name in ("การปฏิบัติหน้าที่", "การใช้งบประมาณ", "การใช้อำนาจ", "การแก้ไขปัญหาการทุจริต", "คุณภาพการดำเนินงาน",
                 "ประสิทธิภาพการสื่อสาร", "การปรับปรุงระบบการทำงาน"):
        assert name in after, f"the ranked table is cut before {name}"
