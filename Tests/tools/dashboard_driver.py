"""Drives `reportq dashboard` in Debian's headless Chromium (Python playwright, no browser download)
for Tests/ClusterTests/DashboardTests.swift, and prints one JSON object of what it saw.

  dashboard_driver.py page URL --reportq BIN --broker EP --out RESULTS --corpus-file F --screenshot PNG --worker-pid PID --dir DIR
  dashboard_driver.py access URL --token T

Everything is bounded in time: each wait has its own timeout, and a failed wait is reported, not raised."""
import argparse, json, os, signal, subprocess, sys, time
from urllib import request, error

from playwright.sync_api import sync_playwright

WAIT_MS = 15_000


def launch(p):
    return p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])


def watch_errors(page, errors):
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))


def push(args, path):
    # --force: each push a job of its own, also of content the broker already holds.
    out = subprocess.run([args.reportq, "push", "--force", "--broker", args.broker, path], capture_output=True, text=True, timeout=30)
    line = out.stdout.strip().splitlines()[-1]
    return line.split("\t")[0]


def landed_at(out, job_id, seconds=30):
    """Wall-clock ms at which the job's line is in the aggregator's output."""
    deadline = time.time() + seconds
    needle = ('"job_id":"%s"' % job_id).encode()
    while time.time() < deadline:
        try:
            with open(out, "rb") as f:
                if needle in f.read():
                    return time.time() * 1000
        except FileNotFoundError:
            pass
        time.sleep(0.01)
    return None


def page_mode(args):
    result = {"checks": {}, "errors": []}
    checks = result["checks"]
    with sync_playwright() as p:
        browser = launch(p)
        # The checker itself: a page with a deliberate error must be caught.
        broken = os.path.join(args.dir, "broken.html")
        with open(broken, "w") as f:
            f.write("<!DOCTYPE html><html><body><script>undefinedFunction();</script></body></html>")
        page = browser.new_page()
        broken_errors = []
        watch_errors(page, broken_errors)
        page.goto("file://" + broken)
        page.wait_for_timeout(300)
        result["broken_page_errors"] = broken_errors
        page.close()

        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        errors = result["errors"]
        watch_errors(page, errors)
        try:
            page.goto(args.url)
            page.wait_for_selector("#connection.live", timeout=WAIT_MS)
            page.wait_for_selector("#queued[data-value]", timeout=WAIT_MS)
            checks["queue_counts"] = {k: page.get_attribute("#" + k, "data-value")
                                      for k in ["queued", "in-flight", "result-pending", "done", "failed"]}
            checks["workers"] = page.text_content("#workers")

            # A report: its row within 2 s of its line landing in the output.
            job = push(args, args.corpus_file)
            landed = landed_at(args.out, job)
            row = 'tr.record[data-job-id="%s"]' % job
            page.wait_for_selector(row, timeout=WAIT_MS)
            seen = float(page.get_attribute(row, "data-seen"))
            checks["report"] = {"job_id": job, "landed_ms": landed, "row_seen_ms": seen,
                                "row_after_landing_ms": None if landed is None else seen - landed,
                                "cells": page.eval_on_selector(row, "tr => [...tr.cells].map(c => c.textContent)")}
            # Its JSON, served by the dashboard.
            record = page.evaluate("id => fetch('records/' + id + '.json').then(r => r.json()).then(j => j.job_id)", job)
            checks["record_json_job_id"] = record
            # The filter: a region that is not the report's hides it.
            page.fill("#filter-region", "不存在的地区")
            checks["rows_when_filtered_out"] = page.locator("tr.record").count()
            page.fill("#filter-region", "")

            # A file that is not a report: a failed job with its code, then Retry from the page.
            bad = os.path.join(args.dir, "README.md")
            with open(bad, "w") as f:
                f.write("# notes\n\nnot a report\n")
            failed_job = push(args, bad)
            failed_row = 'tr.failed-job[data-job-id="%s"]' % failed_job
            page.wait_for_selector(failed_row + ' button[data-action="retry"]', timeout=WAIT_MS)
            checks["failed"] = {"job_id": failed_job, "code": page.text_content(failed_row + " .code"),
                                "failed_count": page.get_attribute("#failed", "data-value")}
            page.click(failed_row + ' button[data-action="retry"]')
            page.wait_for_selector('#action-result[data-action="retry"][data-job="%s"]' % failed_job, timeout=WAIT_MS)
            notice = page.text_content("#action-result")
            checks["retry_notice"] = notice
            new_id = notice.split("retried as ")[-1].strip() if "retried as " in notice else None
            if new_id:
                # It ran again: a new line of the same file, and the failed list names the new job instead.
                page.wait_for_selector('tr.record[data-job-id="%s"]' % new_id, timeout=WAIT_MS)
                page.wait_for_selector('tr.failed-job[data-job-id="%s"]' % new_id, timeout=WAIT_MS)
                page.wait_for_selector(failed_row, state="detached", timeout=WAIT_MS)
                checks["retried"] = {"job_id": new_id,
                                     "code": page.text_content('tr.failed-job[data-job-id="%s"] .code' % new_id),
                                     "rows_of_file": page.eval_on_selector_all("tr.record", "rs => rs.filter(r => r.textContent.includes('README.md')).length")}

            # Cancel from the page: the worker is held still (SIGSTOP) so the job waits for it.
            os.kill(args.worker_pid, signal.SIGSTOP)
            try:
                held = push(args, args.corpus_file)
                held_row = 'tr.active-job[data-job-id="%s"]' % held
                page.wait_for_selector(held_row + ' button[data-action="cancel"]', timeout=WAIT_MS)
                page.click(held_row + ' button[data-action="cancel"]')
                page.wait_for_selector('#action-result[data-action="cancel"][data-job="%s"]' % held, timeout=WAIT_MS)
                checks["cancel_notice"] = page.text_content("#action-result")
            finally:
                os.kill(args.worker_pid, signal.SIGCONT)
            page.wait_for_selector('tr.failed-job[data-job-id="%s"] .code' % held, timeout=WAIT_MS)
            checks["cancelled_code"] = page.text_content('tr.failed-job[data-job-id="%s"] .code' % held)

            page.wait_for_timeout(1500)       # the counts of the last poll, and the panel's charts
            checks["final_counts"] = {k: page.get_attribute("#" + k, "data-value") for k in ["queued", "done", "failed"]}
            # The panel's page catches up with the records (it reloads at most every 2 s).
            page.wait_for_function("() => { const d = document.getElementById('panel').contentDocument; "
                                   "const h = d && d.querySelector('h1'); return h && !h.textContent.includes(': 0 records'); }",
                                   timeout=WAIT_MS)
            checks["panel_frame"] = page.frame_locator("#panel").locator("h1").text_content(timeout=WAIT_MS)
            os.makedirs(os.path.dirname(args.screenshot), exist_ok=True)
            page.screenshot(path=args.screenshot, full_page=True)
            checks["page_bytes"] = len(page.content().encode())
        except Exception as e:       # reported, so the test names what did not appear
            result["failure"] = "%s: %s" % (type(e).__name__, str(e).splitlines()[0])
        browser.close()
    return result


def access_mode(args):
    """The HTTP side without a browser: the token, the action header, bad input."""
    def get(path, headers=None, method="GET"):
        req = request.Request(args.url.rstrip("/") + path, headers=headers or {}, method=method)
        try:
            with request.urlopen(req, timeout=5) as r:
                return r.status
        except error.HTTPError as e:
            return e.code
    auth = {"Authorization": "Bearer " + args.token}
    cookie = {"Cookie": "other=1; reportq_dashboard_token=" + args.token}
    return {
        "page": get("/"),
        "events_without_token": get("/panel"),
        "panel_with_bearer": get("/panel", auth),
        "panel_with_cookie": get("/panel", cookie),
        "panel_with_wrong_token": get("/panel", {"Authorization": "Bearer x" + args.token}),
        "retry_without_action_header": get("/jobs/" + "0" * 32 + "/retry", auth, "POST"),
        "retry_bad_id": get("/jobs/nonsense/retry", dict(auth, **{"X-Reportq-Action": "retry"}), "POST"),
        "record_bad_id": get("/records/%2e%2e%2fetc", auth),
        "unknown_job_record": get("/records/" + "0" * 32 + ".json", auth),
        "after_bad_input": get("/", auth),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["page", "access"])
    ap.add_argument("url")
    ap.add_argument("--reportq"); ap.add_argument("--broker"); ap.add_argument("--out"); ap.add_argument("--corpus-file")
    ap.add_argument("--screenshot"); ap.add_argument("--worker-pid", type=int); ap.add_argument("--dir"); ap.add_argument("--token")
    args = ap.parse_args()
    print(json.dumps(page_mode(args) if args.mode == "page" else access_mode(args), ensure_ascii=False))


if __name__ == "__main__":
    main()
