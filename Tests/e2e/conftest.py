"""Real Prongsai servers on 127.0.0.1 over fresh databases, and a headless Chromium with JavaScript off."""
import base64
import datetime
import os
import pathlib
import re
import socket
import subprocess
import tempfile
import time
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.print_page_options import PrintOptions
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import WebDriverWait

ROOT = pathlib.Path(__file__).resolve().parents[2]
PROGRAM = pathlib.Path(os.environ.get("PRONGSAI_BIN", ROOT / ".build/debug/prongsai"))
OUTPUT = ROOT / "test-output" / "browser"
ADMIN_PASSWORD = "correct horse battery staple"
PHONE = (412, 915)
# The cheap Android phone residents answer on.
SMALL_PHONE = (360, 800)
LAPTOP = (1366, 900)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """A `prongsai serve` on a fresh database; `cli` runs other commands on the same database."""

    def __init__(self, **settings):
        self.folder = tempfile.mkdtemp(prefix="prongsai-e2e-")
        self.database = os.path.join(self.folder, "db.sqlite")
        # The tests send many answers from this one machine; the per-address limit has tests of its own.
        self.env = {**os.environ, "PRONGSAI_DB": self.database, "PRONGSAI_WEBFORMS": str(ROOT / "WebForms"),
                    "PRONGSAI_SUBMISSIONS_PER_MINUTE": "1000000", **settings}
        self.process = None
        self.base = None

    def cli(self, *args, stdin=None):
        done = subprocess.run([str(PROGRAM), *args], env=self.env, check=True, capture_output=True, text=True, input=stdin)
        return done.stdout

    def demo(self):
        """Adds the agency `demo` with an open round."""
        self.cli("agency", "add", "demo", "--name-th", "องค์การบริหารส่วนตำบลตัวอย่าง", "--kind", "sao-m")
        self.cli("round", "open", "demo", "--iit-population", "40")
        return self

    def demo_with_codes(self, count=40):
        """Adds the agency `demo` with an open round whose IIT asks for access codes, and makes `count` codes."""
        self.cli("agency", "add", "demo", "--name-th", "องค์การบริหารส่วนตำบลตัวอย่าง", "--kind", "sao-m")
        self.cli("round", "open", "demo", "--iit-population", "60", "--iit-codes")
        self.codes = self.cli("codes", "demo", "--count", str(count)).split()
        return self

    def start(self, output=subprocess.DEVNULL):
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [str(PROGRAM), "serve", "--port", str(port), "--public-url", self.base],
            env=self.env, stdout=output, stderr=output,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                if urllib.request.urlopen(self.base + "/healthz", timeout=1).read() == b"ok":
                    return self
            except OSError:
                if time.monotonic() > deadline:
                    self.process.kill()
                    raise
                time.sleep(0.2)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)

    def form(self, session, form="eit"):
        """Loads a form and returns its token and one valid answer per question."""
        html = session.get(f"{self.base}/demo/{form}").text
        token = re.search(r'name="token" value="([^"]+)"', html).group(1)
        answers = {}
        for name, value in re.findall(r'type="radio" name="([a-z0-9]+)" value="([^"]+)"', html):
            answers.setdefault(name, value)
        return token, answers


@pytest.fixture(scope="session")
def server():
    running = Server().demo()
    running.start()
    yield running.base
    running.stop()


@pytest.fixture(scope="session")
def admin_server():
    """Last year's round and this year's with generated answers, an OIT score, and an admin `root`."""
    running = Server()
    running.cli("agency", "add", "demo", "--name-th", "องค์การบริหารส่วนตำบลตัวอย่าง", "--kind", "sao-m")
    running.cli("round", "open", "demo", "--year", "2569", "--opens", "2025-11-01", "--closes", "2026-03-31")
    running.cli("generate", "demo", "--year", "2569", "--count", "150")
    # Opened a month ago, so that most generated answers fall on days that are over and can be released.
    opens = (datetime.date.today() - datetime.timedelta(days=30)).isoformat()
    running.cli("round", "open", "demo", "--iit-population", "60", "--oit", "90.5", "--opens", opens)
    running.cli("generate", "demo", "--count", "400")
    running.cli("admin", "add", "root", "--all", "--password-stdin", stdin=ADMIN_PASSWORD + "\n")
    running.start()
    yield running
    running.stop()


@pytest.fixture(scope="session")
def browser():
    options = Options()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", f"--window-size={PHONE[0]},{PHONE[1]}", "--lang=th-TH"):
        options.add_argument(argument)
    # A Thai phone: headless Chromium sends its own Accept-Language unless told, and the pages follow it.
    options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2,
                                              "intl.accept_languages": "th-TH,th,en"})
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


def screenshot(driver, name, size=PHONE):
    """Saves the whole page, not just the window, under test-output/browser."""
    driver.set_window_size(*size)
    height = driver.find_element("tag name", "body").size["height"]
    driver.set_window_size(size[0], min(max(size[1], height + 40), 12000))
    driver.save_screenshot(str(OUTPUT / f"{name}.png"))
    driver.set_window_size(*size)


def print_a4(driver, name):
    """Prints the page as Chromium would on A4, saves the PDF under test-output/browser and returns its path and
    what pdfinfo says of it, after checking the page size."""
    options = PrintOptions()
    options.page_width = 21.0
    options.page_height = 29.7
    pdf = OUTPUT / f"{name}.pdf"
    pdf.write_bytes(base64.b64decode(driver.print_page(options)))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info), info
    return pdf, info


def click_and_wait(driver, element, timeout=10):
    """Clicks a link or button that loads another page, and waits until the page it was on is gone: the click
    itself may return before the request and its redirect are done. The old page is marked on its window object,
    which a new document does not have; asking an element of a page being torn down whether it is stale can fail
    with an inspector error instead of saying so."""
    driver.execute_script("window.prongsaiLeaving = true")
    element.click()

    def new_page_loaded(d):
        try:
            return d.execute_script("return window.prongsaiLeaving !== true && document.readyState === 'complete'")
        except WebDriverException:
            return False

    WebDriverWait(driver, timeout).until(new_page_loaded)


def axe_source():
    """The axe-core script that the axe-selenium-python package bundles, read from disk: nothing is fetched."""
    import axe_selenium_python

    return (pathlib.Path(axe_selenium_python.__file__).parent / "node_modules" / "axe-core" / "axe.min.js").read_text()


# With JavaScript off a page's timers never fire, though WebDriver's scripts and their promises run; axe waits on
# setTimeout between its checks. These stand-ins run a short timer's callback as a microtask and never fire a long
# one (axe's long timers are only guards against a hang).
AXE_TIMERS = """
if (!window.prongsaiTimers) {
  window.prongsaiTimers = true;
  const cleared = new Set();
  let next = 1;
  window.setTimeout = (callback, delay, ...args) => {
    const id = next++;
    if (!(delay > 1000)) Promise.resolve().then(() => {
      if (!cleared.has(id) && typeof callback === "function") callback(...args);
    });
    return id;
  };
  window.clearTimeout = id => { cleared.add(id); };
}
"""


def axe_violations(driver, rules=None, skip=()):
    """Runs axe-core on the page the driver shows and returns its violations, each as a dict with the rule's `id`,
    its `impact`, what it asks (`help`) and the CSS selectors of the offending elements (`targets`). `rules`
    (axe's `runOnly` rule ids) narrows the run; `skip` turns rules off, each for a reason its caller states. Works with JavaScript off for the page (see AXE_TIMERS)."""
    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.execute_script(AXE_TIMERS)
        driver.execute_script(axe_source())
    options = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": list(rules)}
    if skip:
        options["rules"] = {rule: {"enabled": False} for rule in skip}
    outcome = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, arguments[0]).then(r => done({violations: r.violations}), e => done({error: String(e)}));",
        options,
    )
    assert "error" not in outcome, outcome.get("error")
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [" ".join(map(str, node["target"])) for node in violation["nodes"]],
        }
        for violation in outcome["violations"]
    ]


def describe_violations(violations):
    """One line per violation, for an assertion's message: rule, impact, what it asks and where."""
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(v['targets'][:5])}" for v in violations
    )
