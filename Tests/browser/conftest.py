"""Starts a real Prongsai server on 127.0.0.1 with a fresh database and a demo agency, and a headless
Chromium on a phone-sized window with JavaScript switched off."""
import os
import pathlib
import socket
import subprocess
import tempfile
import time
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

ROOT = pathlib.Path(__file__).resolve().parents[2]
PROGRAM = pathlib.Path(os.environ.get("PRONGSAI_BIN", ROOT / ".build/debug/prongsai"))
OUTPUT = ROOT / "test-output" / "browser"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def server():
    folder = tempfile.mkdtemp(prefix="prongsai-browser-")
    env = dict(os.environ, PRONGSAI_DB=os.path.join(folder, "db.sqlite"), PRONGSAI_WEBFORMS=str(ROOT / "WebForms"))
    run = lambda *args: subprocess.run([str(PROGRAM), *args], env=env, check=True, capture_output=True)
    run("agency", "add", "demo", "--name-th", "องค์การบริหารส่วนตำบลตัวอย่าง", "--kind", "sao-m")
    run("round", "open", "demo", "--iit-population", "40")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [str(PROGRAM), "serve", "--port", str(port), "--public-url", base],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            if urllib.request.urlopen(base + "/healthz", timeout=1).read() == b"ok":
                break
        except OSError:
            if time.monotonic() > deadline:
                process.kill()
                raise
            time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    options = Options()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=412,915", "--lang=th-TH"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


def screenshot(driver, name):
    """Saves the whole page, not just the window, under test-output/browser."""
    height = driver.find_element("tag name", "body").size["height"]
    driver.set_window_size(412, max(915, height + 40))
    driver.save_screenshot(str(OUTPUT / f"{name}.png"))
    driver.set_window_size(412, 915)
