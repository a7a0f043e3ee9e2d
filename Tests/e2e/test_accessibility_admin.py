"""axe-core, run offline in Chromium with JavaScript off, finds no violation on any console page of a well-filled
agency: the home, the accounts and the audit log, the agency, a round's dashboard, settings, report, codes and
slips, the counter pages, the official results, links and report, the improvements, the measures plan and its
follow-up, printed or not, and the sign-in page."""
import datetime
import re

import pytest
import requests

from conftest import ADMIN_PASSWORD, LAPTOP, Server, axe_violations, describe_violations
from test_admin import log_in
from test_measures import RESULTS


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    """An อบต. with last year's round, this year's with answers and both kinds of codes, official 2566 results, a
    drafted 2567 plan, and an admin `root`."""
    running = Server()
    running.cli("agency", "add", "demo", "--name-th", "องค์การบริหารส่วนตำบลตัวอย่าง", "--kind", "sao-m")
    running.cli("round", "open", "demo", "--year", "2569", "--opens", "2025-11-01", "--closes", "2026-03-31")
    running.cli("generate", "demo", "--year", "2569", "--count", "120")
    opens = (datetime.date.today() - datetime.timedelta(days=20)).isoformat()
    running.cli("round", "open", "demo", "--iit-population", "60", "--oit", "90.5", "--opens", opens,
                "--iit-codes", "--eit-codes")
    running.cli("generate", "demo", "--count", "300")
    running.cli("codes", "demo", "--count", "12")
    running.cli("codes", "demo", "--form", "eit", "--count", "12")
    results = tmp_path_factory.mktemp("axe") / "2566.csv"
    results.write_text(RESULTS, encoding="utf-8")
    running.cli("official", "demo", "--year", "2566", str(results))
    running.cli("measures", "demo", "--year", "2567", "--draft")
    running.cli("admin", "add", "root", "--all", "--password-stdin", stdin=ADMIN_PASSWORD + "\n")
    running.start()
    yield running
    running.stop()


def fiscal_year(today):
    """The Thai fiscal year (พ.ศ.) of a day: it starts on 1 October."""
    return today.year + 543 + (1 if today.month >= 10 else 0)


def console_pages(html_of):
    """Every console page of the agency; the slips' addresses, which hold batch ids, are read off the codes page."""
    year = fiscal_year(datetime.date.today())
    pages = [
        "/admin", "/admin/admins", "/admin/audit", "/admin/password", "/admin/demo", "/admin/demo/counter",
        "/admin/demo/counter?refresh=1", "/admin/demo/rounds/new", f"/admin/demo/{year}", f"/admin/demo/{year}/edit",
        f"/admin/demo/{year}/report", "/admin/demo/2569", "/admin/demo/2569/report", f"/admin/demo/{year}/codes",
        f"/admin/demo/itas/{year}", "/admin/demo/official/2566", "/admin/demo/official/2566/report",
        "/admin/demo/analysis/2566/improvements", "/admin/demo/measures/2567", "/admin/demo/measures/2567/print",
        "/admin/demo/measures/2567/follow-up", "/admin/demo/measures/2567/follow-up/print",
    ]
    slips = sorted(set(re.findall(r'href="(/admin/demo/\d+/codes/\d+/slips)"', html_of(f"/admin/demo/{year}/codes"))))
    assert len(slips) == 2, slips
    return pages + slips


def test_every_console_page_has_no_axe_violation(filled, browser):
    browser.delete_all_cookies()
    log_in(browser, filled, LAPTOP)
    session = requests.Session()
    for cookie in browser.get_cookies():
        session.cookies.set(cookie["name"], cookie["value"])
    found = {}
    for path in console_pages(lambda path: session.get(filled.base + path).text):
        browser.get(filled.base + path)
        assert "/admin/login" not in browser.current_url, path
        # The screen mode reloads itself by choice (WCAG 2.2.1 lets a person turn a time limit on); every other
        # page is asked every rule.
        violations = axe_violations(browser, skip=("meta-refresh",) if "refresh=1" in path else ())
        if violations:
            found[path] = violations
    assert not found, "\n".join(f"{path}:\n{describe_violations(found[path])}" for path in found)


def test_sign_in_page_has_no_axe_violation(filled, browser):
    browser.delete_all_cookies()
    browser.set_window_size(*LAPTOP)
    browser.get(filled.base + "/admin/login")
    violations = axe_violations(browser)
    assert violations == [], describe_violations(violations)
