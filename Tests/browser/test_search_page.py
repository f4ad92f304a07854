#!/usr/bin/env python3
"""The search page at / in real headless Chromium (Debian's chromium and chromium-driver,
Python selenium), against live `eyecrest serve` processes on free loopback ports, each
stopped by its PID.

Usage: python3 Tests/browser/test_search_page.py [--binary .build/debug/eyecrest]
           [--corpus ../shared/corpus] [--screenshot docs/search-page.png]

Exits non-zero when any check fails; prints one line per check.
"""
import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import traceback
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
WAIT_SECONDS = 20

# A file whose content, heading, filename and metadata try every way into the DOM.
HOSTILE_FILENAME = "hostile/<img src=x onerror=window.__pwned=1>.md"
HOSTILE_CONTENT = """# Quokkaflare <img src=x onerror="window.__pwned='heading'"> heading

<script>window.__pwned = 'script';</script>

The quokkaflare paragraph: <img src=x onerror="window.__pwned='img'"> and
[a link](javascript:window.__pwned='link') and <a href="javascript:window.__pwned='a'">an anchor</a>.

<iframe src="javascript:window.__pwned='iframe'"></iframe><svg onload="window.__pwned='svg'"></svg>
"""
HOSTILE_METADATA = {
    "url": "javascript:window.__pwned='metadata-url'",
    "title": "<img src=x onerror=\"window.__pwned='metadata'\">",
}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`eyecrest serve` on a free loopback port, stopped by its own PID."""

    def __init__(self, binary, work, name, extra=()):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = work / f"{name}.log"
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [binary, "serve", "--port", str(self.port), "--data-dir", str(work / f"{name}-data"), "--log-level", "warning", *extra],
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log_path.read_text()}")
            try:
                urllib.request.urlopen(self.url + "/health", timeout=1).read()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("server did not become ready")

    def request(self, method, path, body=None, token=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", "Bearer " + token)
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read() or b"null")

    def seed(self, dataset, files, token=None):
        """Creates `dataset` and upserts `files` (dicts of the API's file input)."""
        self.request("POST", f"/v1/datasets/{dataset}", {}, token=token)
        self.request("PUT", f"/v1/datasets/{dataset}/files", {"files": files}, token=token)

    def stop(self):
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


def make_browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1200,900"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = webdriver.ChromeService(executable_path="/usr/bin/chromedriver")
    return webdriver.Chrome(options=options, service=service)


class Checks:
    def __init__(self):
        self.failures = []

    def run(self, name, function, *args):
        started = time.monotonic()
        try:
            function(*args)
            print(f"ok    {name} ({time.monotonic() - started:.1f}s)")
        except Exception as error:  # every failure is reported, then the next check runs
            self.failures.append(name)
            print(f"FAIL  {name}: {error!r}")
            traceback.print_exc()


def wait(browser, condition, message):
    try:
        return WebDriverWait(browser, WAIT_SECONDS).until(lambda driver: condition(driver))
    except TimeoutException:
        raise AssertionError(message) from None


def hits(browser):
    return browser.find_elements(By.CSS_SELECTOR, "#results .hit")


def search_box(browser):
    return browser.find_element(By.CSS_SELECTOR, "input[type=search]")


def expect_no_alert(browser):
    try:
        text = browser.switch_to.alert.text
    except NoAlertPresentException:
        return
    raise AssertionError(f"an alert ran: {text}")


def expect_clean_console(browser):
    """No CSP violation and no script error was logged."""
    problems = [entry["message"] for entry in browser.get_log("browser")
                if entry["level"] == "SEVERE" or "Content Security Policy" in entry["message"]]
    assert not problems, problems


# --- the checks ------------------------------------------------------------------------


def search_as_you_type_and_open_a_hit(browser, server):
    browser.get(server.url + "/")
    Select(wait(browser, lambda d: d.find_element(By.ID, "dataset") if d.find_elements(By.CSS_SELECTOR, "#dataset option[value=book]") else None,
                "the dataset list never showed 'book'")).select_by_value("book")
    search_box(browser).send_keys("borrow checker")
    wait(browser, lambda d: len(hits(d)) > 0, "no hits for 'borrow checker'")
    first = hits(browser)[:5]
    slugs = [hit.get_attribute("data-section-slug") for hit in first]
    assert "the-borrow-checker" in slugs, slugs
    hit = first[slugs.index("the-borrow-checker")]
    marks = [mark.text.lower() for mark in hit.find_elements(By.TAG_NAME, "mark")]
    assert any("borrow" in mark for mark in marks) and any("checker" in mark for mark in marks), marks
    assert hit.get_attribute("data-filename").endswith(".md") and int(hit.get_attribute("data-start-line")) > 0
    assert "q=borrow+checker" in browser.current_url and "dataset=book" in browser.current_url, browser.current_url

    start_line = int(hit.get_attribute("data-start-line"))
    hit.find_element(By.TAG_NAME, "a").click()
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#file-lines .line.in-section"), "the section's lines were not highlighted")
    section = browser.find_elements(By.CSS_SELECTOR, "#file-lines .line.in-section")
    assert int(section[0].get_attribute("data-line")) == start_line
    assert "Borrow Checker" in section[0].text, section[0].text
    in_view = browser.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight;", section[0])
    assert in_view, "the section was not scrolled into view"
    assert browser.find_element(By.ID, "anchor-link").get_attribute("value").endswith("#the-borrow-checker")
    assert "/v1/datasets/book/files/" in browser.find_element(By.ID, "api-link").get_attribute("value")
    assert "file=" in browser.current_url

    ActionChains(browser).send_keys(Keys.ESCAPE).perform()
    wait(browser, lambda d: not d.find_element(By.ID, "file-view").is_displayed(), "Esc did not close the file")
    assert hits(browser), "the results did not come back"
    assert "file=" not in browser.current_url
    expect_clean_console(browser)


def a_shared_url_opens_the_search(browser, server):
    browser.get(server.url + "/?dataset=book&q=borrow+checker")
    wait(browser, lambda d: len(hits(d)) > 0, "the shared URL showed no hits")
    assert search_box(browser).get_attribute("value") == "borrow checker"
    assert Select(browser.find_element(By.ID, "dataset")).first_selected_option.get_attribute("value") == "book"


def keyboard_slash_arrows_enter(browser, server):
    browser.get(server.url + "/?dataset=book&q=ownership")
    wait(browser, lambda d: len(hits(d)) > 1, "no hits for 'ownership'")
    browser.execute_script("document.activeElement.blur()")
    ActionChains(browser).send_keys("/").perform()
    assert browser.switch_to.active_element.get_attribute("id") == "query", "'/' did not focus the search box"
    assert search_box(browser).get_attribute("value") == "ownership", "'/' was typed into the box"
    ActionChains(browser).send_keys(Keys.ARROW_DOWN).perform()
    ActionChains(browser).send_keys(Keys.ARROW_DOWN).perform()
    links = browser.find_elements(By.CSS_SELECTOR, "#results .hit > a")
    assert browser.switch_to.active_element == links[1], "↓ ↓ did not reach the second hit"
    ActionChains(browser).send_keys(Keys.ARROW_UP).perform()
    assert browser.switch_to.active_element == links[0]
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#file-lines .line"), "Enter did not open the hit")


def pages_and_the_back_button(browser, server):
    browser.get(server.url + "/?dataset=book&q=ownership")
    wait(browser, lambda d: len(hits(d)) == 10, "no first page of 10 hits for 'ownership'")
    first_page = [hit.get_attribute("data-filename") + "#" + hit.get_attribute("data-section-slug") for hit in hits(browser)]
    browser.find_element(By.ID, "next-page").click()
    wait(browser, lambda d: "page=1" in d.current_url and "Page 2" in d.find_element(By.ID, "page-label").text, "Next did not turn the page")
    wait(browser, lambda d: hits(d) and hits(d)[0].get_attribute("data-filename") + "#" + hits(d)[0].get_attribute("data-section-slug") not in first_page,
         "the second page repeats the first")
    hits(browser)[0].find_element(By.TAG_NAME, "a").click()
    wait(browser, lambda d: "file=" in d.current_url, "the hit did not open")
    browser.back()
    wait(browser, lambda d: "file=" not in d.current_url and d.find_element(By.ID, "results").is_displayed() and hits(d),
         "the back button did not return to the results")
    assert "page=1" in browser.current_url


def operator_only_query_says_why(browser, server):
    browser.get(server.url + "/?dataset=book&q=NOT")
    wait(browser, lambda d: "Nothing searchable" in d.find_element(By.ID, "status").text, "no explanation for an operator-only query")


def a_misspelling_is_corrected_and_can_be_searched_as_typed(browser, server):
    browser.get(server.url + "/?dataset=book&q=ownrship")
    wait(browser, lambda d: len(hits(d)) > 0, "no hits for the misspelled 'ownrship'")
    status = browser.find_element(By.ID, "status")
    assert "Also matched ownrship → ownership" in status.text, status.text
    marks = [mark.text.lower() for mark in browser.find_elements(By.CSS_SELECTOR, "#results mark")]
    assert any(mark.startswith("ownership") for mark in marks), marks
    browser.find_element(By.ID, "exact-toggle").click()
    wait(browser, lambda d: "exact=1" in d.current_url and "Searched exactly as typed" in d.find_element(By.ID, "status").text,
         "the toggle did not search exactly as typed")
    wait(browser, lambda d: not hits(d), "an exact search for 'ownrship' still has hits")
    browser.back()
    wait(browser, lambda d: "exact=1" not in d.current_url and hits(d), "the back button did not bring the corrected search back")
    expect_clean_console(browser)


def hostile_content_is_text(browser, server):
    server.seed("hostile", [{"filename": HOSTILE_FILENAME, "content": HOSTILE_CONTENT, "metadata": HOSTILE_METADATA}])
    browser.get(server.url + "/?dataset=hostile&q=quokkaflare")
    wait(browser, lambda d: len(hits(d)) > 0, "no hits for the hostile file")
    results = browser.find_element(By.ID, "results")
    text = results.text
    assert "<img src=x onerror" in text, text  # the tags are shown as typed
    hit = hits(browser)[0]
    assert hit.get_attribute("data-filename") == HOSTILE_FILENAME
    hit.find_element(By.TAG_NAME, "a").click()
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#file-lines .line"), "the hostile file did not open")
    lines = browser.find_element(By.ID, "file-lines").text
    assert "<script>window.__pwned = 'script';</script>" in lines, lines
    assert "javascript:window.__pwned='link'" in lines
    assert browser.find_element(By.ID, "file-title").text == HOSTILE_FILENAME
    time.sleep(0.5)  # an onerror would fire once the broken image failed to load
    expect_no_alert(browser)
    assert browser.execute_script("return window.__pwned === undefined"), browser.execute_script("return window.__pwned")
    injected = browser.execute_script(
        "return document.querySelectorAll('main img, main script, main iframe, main svg, main a[href^=\"javascript\"]').length")
    assert injected == 0, f"{injected} injected elements"
    assert len(browser.find_elements(By.TAG_NAME, "script")) == 1
    expect_clean_console(browser)


def phone_width_has_no_sideways_scroll(browser, server):
    browser.set_window_size(390, 844)
    try:
        browser.get(server.url + "/?dataset=book&q=borrow+checker")
        wait(browser, lambda d: len(hits(d)) > 0, "no hits at phone width")
        overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{overflow}px of sideways scroll"
    finally:
        browser.set_window_size(1200, 900)


def token_prompt_and_valid_token(browser, keyed, token):
    keyed.seed("guarded", [{"filename": "guide.md", "content": "# Guide\n\nThe wombatrix setting.\n"}], token=token)
    browser.get(keyed.url + "/?dataset=guarded&q=wombatrix")
    wait(browser, lambda d: d.find_element(By.ID, "token-panel").is_displayed(), "no token prompt without a token")
    assert "token" in browser.find_element(By.ID, "token-message").text.lower()
    assert not hits(browser)

    browser.find_element(By.ID, "token").send_keys("not-a-token")
    browser.find_element(By.ID, "token").submit()
    wait(browser, lambda d: "refused" in d.find_element(By.ID, "token-message").text, "a bad token was not refused clearly")

    browser.find_element(By.ID, "token").send_keys(token)
    browser.find_element(By.ID, "token").submit()
    wait(browser, lambda d: len(hits(d)) > 0, "a valid token did not search")
    assert hits(browser)[0].get_attribute("data-filename") == "guide.md"
    assert not browser.find_element(By.ID, "token-panel").is_displayed()
    assert token not in browser.current_url
    assert browser.execute_script("return sessionStorage.getItem('eyecrest.token')") == token
    assert token not in keyed.log_path.read_text()


def save_screenshot(browser, server, path):
    browser.set_window_size(1000, 640)
    browser.get(server.url + "/?dataset=book&q=borrow+checker")
    wait(browser, lambda d: len(hits(d)) > 2, "no hits for the screenshot")
    browser.execute_script("document.activeElement.blur()")
    browser.save_screenshot(str(path))
    print(f"screenshot: {path} ({Path(path).stat().st_size} bytes)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=str(ROOT / ".build/debug/eyecrest"))
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared/corpus"))
    parser.add_argument("--screenshot", help="also save a PNG of the page here")
    args = parser.parse_args()

    checks = Checks()
    with tempfile.TemporaryDirectory() as directory:
        work = Path(directory)
        with tarfile.open(Path(args.corpus) / "rust-book.tar.gz") as archive:
            archive.extractall(work / "corpus", filter="data")
        subprocess.run([args.binary, "keys", "generate", "--out", str(work / "keys"), "--kid", "browser"], check=True,
                       stdout=subprocess.DEVNULL)
        token = subprocess.run([args.binary, "token", "--private-key", str(work / "keys/private.pem"), "--org", "acme"],
                               check=True, capture_output=True, text=True).stdout.strip()
        servers = []
        browser = None
        try:
            server = Server(args.binary, work, "open")
            servers.append(server)
            subprocess.run([args.binary, "push", str(work / "corpus/rust-book"), "--dataset", "book", "--server", server.url],
                           check=True, stdout=subprocess.DEVNULL)
            keyed = Server(args.binary, work, "keyed", ["--auth-public-key", str(work / "keys/public.pem")])
            servers.append(keyed)
            browser = make_browser()
            checks.run("search as you type, open a hit, Esc back", search_as_you_type_and_open_a_hit, browser, server)
            checks.run("a shared /?dataset=…&q=… URL", a_shared_url_opens_the_search, browser, server)
            checks.run("keyboard: / ↑ ↓ Enter", keyboard_slash_arrows_enter, browser, server)
            checks.run("pages and the back button", pages_and_the_back_button, browser, server)
            checks.run("an operator-only query says why", operator_only_query_says_why, browser, server)
            checks.run("a misspelling is corrected, and can be searched as typed", a_misspelling_is_corrected_and_can_be_searched_as_typed,
                       browser, server)
            checks.run("hostile content, heading, filename and metadata stay text", hostile_content_is_text, browser, server)
            checks.run("phone width", phone_width_has_no_sideways_scroll, browser, server)
            checks.run("with keys: the prompt, a bad token, a valid token", token_prompt_and_valid_token, browser, keyed, token)
            if args.screenshot:
                checks.run("screenshot", save_screenshot, browser, server, args.screenshot)
        finally:
            if browser is not None:
                browser.quit()
            for running in servers:
                running.stop()
    if checks.failures:
        print(f"{len(checks.failures)} browser check(s) failed: {', '.join(checks.failures)}")
        return 1
    print("all browser checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
