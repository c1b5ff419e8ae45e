"""本部门配置 in a real browser (Debian's Chromium, headless, through chromium-driver and selenium), on a phone's
viewport: a bureau contact edits a parameter out of its range, then within it, previews the change and next month's
reminders, saves it for approval; the county office approves it.

Read from stdin (JSON): base (http://127.0.0.1:PORT), bureau_link and office_link (sign-in paths), shots (the folder
for screenshots). Prints what it saw as JSON; ConsoleOverrideBrowserTests checks it and the database.
"""
import json, os, sys

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
options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
driver.set_page_load_timeout(120)
driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 360, "height": 800, "deviceScaleFactor": 1, "mobile": True})
field = "p-send_teaching_visits_per_month"


def submit(button):
    """Clicks a form's button and waits until the next page has replaced this one."""
    page = driver.find_element(By.TAG_NAME, "html")
    button.click()

    def replaced(_):
        try:
            page.is_enabled()
            return False
        except (StaleElementReferenceException, WebDriverException):
            return True

    WebDriverWait(driver, 120).until(replaced)


def shot(name):
    driver.save_screenshot(os.path.join(shots, name + ".png"))


def last_document_status():
    """The HTTP status of the last page the browser received, from its performance log."""
    status = None
    for entry in driver.get_log("performance"):
        event = json.loads(entry["message"])["message"]
        if event["method"] == "Network.responseReceived" and event["params"]["type"] == "Document":
            status = event["params"]["response"]["status"]
    return status


def fits_phone():
    return driver.execute_script(
        "return window.innerWidth === 360 && document.documentElement.scrollWidth <= window.innerWidth")


def texts(selector):
    return [element.text for element in driver.find_elements(By.CSS_SELECTOR, selector)]


def parameters_form():
    return driver.find_element(By.CSS_SELECTOR, "form input[name=mode][value=form]").find_element(By.XPATH, "..")


try:
    driver.get(base + args["bureau_link"])
    submit(driver.find_element(By.CSS_SELECTOR, "main form button"))
    driver.get(base + "/console/plugins/education")
    submit(driver.find_element(By.LINK_TEXT, "本部门配置"))
    seen["page_title"] = driver.title
    seen["page_fits_phone"] = fits_phone()
    shot("01-override-360px")

    # Out of range: the loader's message under the field, the range beside it.
    box = driver.find_element(By.ID, field)
    box.clear()
    box.send_keys("12")
    submit(parameters_form().find_element(By.CSS_SELECTOR, "button[type=submit]"))
    seen["refused_status"] = last_document_status()
    seen["field_errors"] = texts(".field-error")
    seen["refused_value"] = driver.find_element(By.ID, field).get_attribute("value")
    seen["range_shown"] = any("范围 1 至 8" in text for text in texts("p.meta"))
    shot("02-out-of-range")

    box = driver.find_element(By.ID, field)
    box.clear()
    box.send_keys("3")
    submit(parameters_form().find_element(By.CSS_SELECTOR, "button[type=submit]"))
    seen["review_heading"] = driver.find_element(By.TAG_NAME, "h1").text
    seen["review_changes"] = [[cell.text for cell in row.find_elements(By.CSS_SELECTOR, "th,td")]
                              for row in driver.find_elements(By.CSS_SELECTOR, "table.figures tbody tr")]
    seen["review_has_preview"] = any(text.startswith("下月提醒预览") for text in texts("h2"))
    seen["review_fits_phone"] = fits_phone()
    shot("03-preview")
    submit(driver.find_element(By.XPATH, "//button[text()='提交审批']"))
    seen["saved_path"] = driver.current_url[len(base):]
    seen["saved_notice"] = " ".join(texts(".notice"))
    shot("04-saved")

    driver.delete_all_cookies()
    driver.get(base + args["office_link"])
    submit(driver.find_element(By.CSS_SELECTOR, "main form button"))
    driver.get(base + "/console/plugins/education/override")
    submit(driver.find_element(By.PARTIAL_LINK_TEXT, "查看"))
    seen["office_sees_preview"] = any(text.startswith("下月提醒预览") for text in texts("h2"))
    driver.find_element(By.ID, "comment").send_keys("同意，按新下限筛查")
    submit(driver.find_element(By.CSS_SELECTOR, "button[value=approve]"))
    seen["approved_notice"] = " ".join(texts(".notice"))
    seen["approved_facts"] = texts(".facts dd")
    shot("05-approved")
finally:
    driver.quit()

print(json.dumps(seen, ensure_ascii=False))
