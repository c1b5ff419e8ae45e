"""The web console in a real browser: Debian's Chromium, headless, driven by selenium through chromium-driver.

Read from stdin (JSON): base (http://127.0.0.1:PORT), email, maildir, occurrence (an open duty of the cadre),
unconfirmed (another open duty of the cadre, sent without its CSRF token), foreign (an occurrence of another
village), problem (a rectification problem of the cadre's village) and upload (a file to attach to it),
office_link (a sign-in path for the county office), shots (the folder for screenshots).
Prints what it saw as JSON; ConsoleBrowserTests checks it and the database.
"""
import base64, email, email.policy, json, os, re, sys, time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

args = json.load(sys.stdin)
base, shots = args["base"], args["shots"]
os.makedirs(shots, exist_ok=True)
seen = {}

options = webdriver.ChromeOptions()
for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=500,800",
             "--lang=zh-CN", "--no-first-run", "--disable-extensions"):
    options.add_argument(flag)
# The performance log holds each response the browser received, with its status.
options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
driver.set_page_load_timeout(60)
# A phone's viewport: headless Chromium's window is no narrower than 500 px, so the device metrics are set.
phone = {"width": 360, "height": 800, "deviceScaleFactor": 1, "mobile": True}
driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", phone)


def submit(button):
    """Clicks a form's button and waits until the next page has replaced this one (a click does not wait)."""
    page = driver.find_element(By.TAG_NAME, "html")
    button.click()

    def replaced(_):
        # Chromium reports a node of the page being replaced as stale, or, mid-swap, as not in the document.
        try:
            page.is_enabled()
            return False
        except (StaleElementReferenceException, WebDriverException):
            return True

    WebDriverWait(driver, 30).until(replaced)


def shot(name):
    driver.save_screenshot(os.path.join(shots, name + ".png"))


def status_of(path):
    """The HTTP status of the last page the browser received from `path`, from its performance log."""
    status = None
    for entry in driver.get_log("performance"):
        event = json.loads(entry["message"])["message"]
        if event["method"] == "Network.responseReceived" and event["params"]["type"] == "Document":
            response = event["params"]["response"]
            if response["url"] == base + path:
                status = response["status"]
    return status


def fits_phone():
    """At 360 px, and no horizontal scrolling: the page is no wider than the viewport."""
    return driver.execute_script(
        "return window.innerWidth === 360 && document.documentElement.scrollWidth <= window.innerWidth")


def sign_in_link():
    """The path of the sign-in link in the newest email of the maildir, as Python's email package decodes it."""
    deadline = time.time() + 90
    while time.time() < deadline:
        for folder in ("new", "cur"):
            directory = os.path.join(args["maildir"], folder)
            for name in sorted(os.listdir(directory)) if os.path.isdir(directory) else []:
                with open(os.path.join(directory, name), "rb") as handle:
                    message = email.message_from_binary_file(handle, policy=email.policy.default)
                body = message.get_body(preferencelist=("plain",))
                found = re.search(r"/console/sign-in/[0-9a-f]{64}", body.get_content() if body else "")
                if found:
                    return found.group(0), str(message["subject"])
        time.sleep(0.5)
    raise SystemExit("no sign-in email arrived in " + args["maildir"])


try:
    # 1. Sign in through the emailed link.
    driver.get(base + "/console/")
    seen["start_path"] = driver.current_url[len(base):]
    shot("01-sign-in")
    driver.find_element(By.ID, "email").send_keys(args["email"])
    submit(driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    seen["requested"] = driver.find_element(By.CSS_SELECTOR, ".notice").text
    path, seen["mail_subject"] = sign_in_link()
    driver.get(base + path)
    shot("02-sign-in-link")
    submit(driver.find_element(By.CSS_SELECTOR, "main form button"))
    seen["after_sign_in"] = driver.current_url[len(base):]

    # 2. 我的工作: confirm a duty done.
    seen["work_title"] = driver.title
    seen["work_fits_phone"] = fits_phone()
    shot("03-work-360px")
    item = driver.find_element(By.ID, "o%d" % args["occurrence"])
    item.find_element(By.NAME, "note").send_keys("浏览器测试：已走访")
    achieved = item.find_elements(By.NAME, "achieved")
    if achieved:
        achieved[0].send_keys("12")
    submit(item.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    seen["after_confirm"] = driver.current_url[len(base):]
    seen["confirm_notice"] = driver.find_element(By.CSS_SELECTOR, ".notice").text
    shot("04-confirmed")

    # 4. Another village's occurrence: 404, the same page as for one that does not exist.
    driver.get_log("performance")
    driver.get(base + "/console/occurrences/%d" % args["foreign"])
    seen["foreign_heading"] = driver.find_element(By.TAG_NAME, "h1").text
    seen["foreign_status"] = status_of("/console/occurrences/%d" % args["foreign"])
    shot("05-foreign-occurrence")

    # 5. A form without its CSRF token: 403, nothing done.
    driver.get(base + "/console/work")
    form = driver.find_element(By.ID, "o%d" % args["unconfirmed"])
    driver.execute_script("arguments[0].querySelector('input[name=csrf]').remove()", form)
    driver.get_log("performance")
    submit(form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    seen["no_csrf_heading"] = driver.find_element(By.TAG_NAME, "h1").text
    seen["no_csrf_status"] = status_of("/console/occurrences/%d/done" % args["unconfirmed"])
    shot("06-without-csrf")

    # An evidence file uploaded as the browser sends a file field (multipart/form-data).
    driver.get(base + "/console/ledger/" + args["problem"])
    driver.find_element(By.ID, "file").send_keys(args["upload"])
    driver.get_log("performance")
    submit(driver.find_element(By.CSS_SELECTOR, "form[enctype='multipart/form-data'] button[type=submit]"))
    seen["evidence_notice"] = driver.find_element(By.CSS_SELECTOR, ".notice").text
    seen["evidence_status"] = status_of("/console/ledger/%s/evidence" % args["problem"])
    shot("07-evidence-uploaded")

    # 6. The county office's overview against the API, read with the same session.
    driver.delete_all_cookies()
    driver.get(base + args["office_link"])
    submit(driver.find_element(By.CSS_SELECTOR, "main form button"))
    driver.get(base + "/console/overview")
    seen["overview_fits_phone"] = fits_phone()
    shot("08-overview-360px")
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False})
    shot("09-overview-desktop")
    rows = {}
    for row in driver.find_elements(By.CSS_SELECTOR, "table.figures tbody tr"):
        name = row.find_element(By.CSS_SELECTOR, "th").text.replace("（本级）", "")
        cells = [cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
        rows[name] = [int(cells[i]) for i in (1, 2, 3, 4, 5, 6)]
    driver.get(base + "/api/v1/overview")
    answer = json.loads(driver.find_element(By.TAG_NAME, "body").text)
    api = {row["name"]: [row["duties_due"], row["duties_overdue"], row["signals"], row["verified_on_time"],
                         row["verifications_overdue"], row["open_cases"]] for row in answer["rows"]}
    seen["overview_rows"] = len(rows)
    seen["overview_unit"] = answer["unit"]["name"]
    seen["overview_mismatches"] = sorted(name for name in set(rows) | set(api) if rows.get(name) != api.get(name))
    seen["overview_due_total"] = sum(values[0] for values in api.values())
finally:
    driver.quit()

print(json.dumps(seen, ensure_ascii=False))
