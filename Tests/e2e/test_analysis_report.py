"""The analysis report of the 2566 example: printed on A4 with JavaScript off, วิธีการพัฒนา edited in the browser,
and the DOCX download converted by LibreOffice, holding the same tables as the page."""
import datetime
import html
import json
import re
import subprocess
import tempfile

import pytest
from selenium.webdriver.common.by import By

from conftest import ADMIN_PASSWORD, LAPTOP, OUTPUT, Server, click_and_wait, print_a4, screenshot
from test_admin import log_in, signed_in

RESULTS = """id,score,note
1,95.01
2,84.45
3,88.62
4,83.07
5,86.04
6,85.07
7,84.54
8,82.73,"E11, E12: แสดงการปรับปรุงเทียบกับปีก่อน"
9,100
10,100
i3,80.10
i7,70,ชี้แจงแผนการใช้จ่ายให้บุคลากรทราบ
e11,72.5
e13,79
O39,0,แผนต้องครอบคลุมทั้งปี
,,ข้อสังเกตทั่วไปของผู้ประเมิน
"""
REPORT = "/admin/tambon/official/2566/report"
NAMES = ["การเปิดเผยข้อมูล", "การป้องกันการทุจริต", "การปฏิบัติหน้าที่", "การใช้อำนาจ", "การแก้ไขปัญหาการทุจริต",
         "คุณภาพการดำเนินงาน", "ประสิทธิภาพการสื่อสาร", "การใช้งบประมาณ", "การใช้ทรัพย์สินของราชการ",
         "การปรับปรุงระบบการทำงาน"]


@pytest.fixture(scope="module")
def tambon(tmp_path_factory):
    """A เทศบาลตำบล with its 2566 official results from a file (no round that year), a small round this year,
    and an admin `root`."""
    running = Server()
    running.cli("agency", "add", "tambon", "--name-th", "เทศบาลตำบลตัวอย่าง", "--kind", "tm-s")
    running.cli("admin", "add", "root", "--all", "--password-stdin", stdin=ADMIN_PASSWORD + "\n")
    results = tmp_path_factory.mktemp("official") / "results.csv"
    results.write_text(RESULTS, encoding="utf-8")
    running.cli("official", "tambon", "--year", "2566", str(results))
    # This year's own round, a month old, with far fewer answers than either form's minimum.
    opens = (datetime.date.today() - datetime.timedelta(days=30)).isoformat()
    running.cli("round", "open", "tambon", "--iit-population", "60", "--oit", "90.5", "--opens", opens)
    running.cli("generate", "tambon", "--count", "40")
    running.start()
    yield running
    running.stop()


def squeezed(text):
    """Text without white space: a PDF breaks Thai lines where the cell ends, the page where words are spaced."""
    return re.sub(r"\s+", "", text)


def pdf_pages(pdf):
    # -raw keeps the order the text is drawn in, so that tone marks stay on their letters.
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [page for page in text.split("\f") if page.strip()]


def page_tables(page_html):
    """What the printed page's tables say: the ranked names in order, and each weak question with its text and
    วิธีการพัฒนา."""
    ranked = re.findall(r'data-rank="\d+">[^<]+</td><td>\d+ ([^<]+)</td>', page_html)
    questions = {}
    for row in re.finditer(r'<tr data-question="([^"]+)">(.*?)</tr>', page_html):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(2))
        question = html.unescape(re.sub(r"<br>.*", "", cells[-3]))
        how = html.unescape(cells[-1])
        questions[row.group(1)] = (question, how)
    return ranked, questions


def test_the_report_prints_on_a4_without_cut_tables(tambon, browser):
    browser.delete_all_cookies()
    log_in(browser, tambon, LAPTOP)
    browser.get(tambon.base + REPORT)
    assert "รายงานการวิเคราะห์ผลการประเมิน" in browser.find_element(By.TAG_NAME, "h1").text
    ranked = [row.text for row in browser.find_elements(By.CSS_SELECTOR, "table[data-ranking] tbody tr td:nth-child(2)")]
    assert [name.split(" ", 1)[1] for name in ranked] == NAMES
    assert browser.find_element(By.CSS_SELECTOR, "[data-tool=total]").text == "91.47"
    assert browser.find_element(By.CSS_SELECTOR, "[data-level]").text == "ผ่าน"
    screenshot(browser, "40-analysis-report", LAPTOP)
    pdf, _ = print_a4(browser, "40-analysis-report")
    pages = pdf_pages(pdf)
    assert len(pages) >= 2
    # A table that fits a page is on one page, from its header to its last row.
    for first, last in [("ระดับผลการประเมิน", "ต้องปรับปรุงโดยด่วน"), ("คะแนนและอันดับของตัวชี้วัด", NAMES[-1]),
                        ("เครื่องมือ", "ระดับผลการประเมิน")]:
        holding = [page for page in pages if first in page and last in page.split(first, 1)[1]]
        assert holding, f"the table from {first} to {last} is cut across pages"
    # The weak questions' table may run over pages: its header is on each of them, and no row is split.
    _, questions = page_tables(browser.page_source)
    assert list(questions) == ["i3", "i7", "e11", "e13", "O39"]
    for question_id, (question, how) in questions.items():
        holding = [page for page in pages if squeezed(question) in squeezed(page) and squeezed(how) in squeezed(page)]
        assert len(holding) == 1, f"the row of {question_id} is cut across pages"
        assert "วิธีการพัฒนา" in holding[0], f"the page holding {question_id} lacks the table's header"


def test_how_to_improve_is_edited_with_javascript_off(tambon, browser):
    browser.delete_all_cookies()
    log_in(browser, tambon, LAPTOP)
    browser.get(tambon.base + REPORT)
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "แก้ไขวิธีการพัฒนา"))
    assert browser.current_url.endswith("/admin/tambon/analysis/2566/improvements")
    text = browser.find_element(By.ID, "f-how-i7")
    text.clear()
    text.send_keys("กองคลังจัดประชุมชี้แจงแผนการใช้จ่ายงบประมาณทุกไตรมาส")
    screenshot(browser, "41-improvements", LAPTOP)
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.settings button[type=submit]"))
    assert browser.current_url.endswith("/admin/tambon/analysis/2566/improvements?saved=1")
    browser.get(tambon.base + REPORT)
    assert browser.find_element(By.CSS_SELECTOR, "[data-how=i7]").text == "กองคลังจัดประชุมชี้แจงแผนการใช้จ่ายงบประมาณทุกไตรมาส"


def test_the_docx_converts_and_holds_the_same_tables(tambon):
    session = signed_in(tambon)
    form = session.get(tambon.base + "/admin/tambon/analysis/2566/improvements").text
    values = {name: html.unescape(text) for name, text in
              re.findall(r'<textarea id="f-[^"]+" name="([^"]+)"[^>]*>([^<]*)</textarea>', form)}
    values["how-O39"] = "งานนิติการจัดทำแผนป้องกันการทุจริตให้ครอบคลุมทั้งปีงบประมาณ"
    values["csrf"] = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
    saved = session.post(tambon.base + "/admin/tambon/analysis/2566/improvements", data=values, allow_redirects=False)
    assert saved.status_code == 303
    page = session.get(tambon.base + REPORT).text
    ranked, questions = page_tables(page)
    assert ranked == NAMES
    download = session.get(tambon.base + REPORT + ".docx")
    assert download.status_code == 200
    disposition = download.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="ita-analysis-tambon-2566-official.docx"; filename*=UTF-8\'\'')
    OUTPUT.mkdir(parents=True, exist_ok=True)
    docx = OUTPUT / "42-analysis-report.docx"
    docx.write_bytes(download.content)
    with tempfile.TemporaryDirectory() as folder:
        # A profile of its own, so that conversions running at the same time never share LibreOffice's lock.
        subprocess.run(["soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless", "--convert-to",
                        "pdf", "--outdir", str(OUTPUT), str(docx)], check=True, capture_output=True, timeout=180)
    pdf = OUTPUT / "42-analysis-report.pdf"
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(OUTPUT / "42-analysis-report-docx-page1")], check=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info), info
    text = squeezed("".join(pdf_pages(pdf)))
    # The ranked table in the page's order, after its heading.
    position = text.index(squeezed("ผลคะแนนรายตัวชี้วัด เรียงจากมากไปน้อย"))
    for name in ranked:
        position = text.index(squeezed(name), position + 1)
    assert squeezed("91.47") in text and "ผ่าน" in text
    assert squeezed("คะแนนรวมตั้งแต่ 85 แต่มีเครื่องมือที่ได้ต่ำกว่า 85") in text
    for question_id, (question, how) in questions.items():
        assert squeezed(question) in text, question_id
        assert squeezed(how) in text, question_id
    assert squeezed("งานนิติการจัดทำแผนป้องกันการทุจริตให้ครอบคลุมทั้งปีงบประมาณ") in text
    assert squeezed("ข้อสังเกตทั่วไปของผู้ประเมิน") in text


def test_an_own_round_under_its_minimum_prints_its_warning(tambon, browser):
    year = json.loads(tambon.cli("report", "tambon", "--json"))["year"]
    browser.delete_all_cookies()
    log_in(browser, tambon, LAPTOP)
    browser.get(f"{tambon.base}/admin/tambon/{year}/report")
    warnings = browser.find_elements(By.CSS_SELECTOR, "[data-warning]")
    assert warnings and all(warning.is_displayed() for warning in warnings)
    assert "ต่ำกว่าขั้นต่ำ" in warnings[0].text
    assert browser.find_element(By.CSS_SELECTOR, "[data-source]").get_attribute("data-source") == "own"
    screenshot(browser, "43-analysis-report-own-round-warning", LAPTOP)
    pdf, _ = print_a4(browser, "43-analysis-report-own-round-warning")
    assert "คำเตือน" in pdf_pages(pdf)[0]
