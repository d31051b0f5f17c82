from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import browser  # tests/browser.py (tests/ is on sys.path under pytest)
from reviewrules import Review, audit, check_message, classify
from reviewrules.cli import main
from reviewrules.display import highlight, mask, verdict_html
from reviewrules.report import csv_safe, render_report, write_csv

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = (
    "<script>document.title='PWNED'</script>"
    "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"
    ' <a href="javascript:document.body.setAttribute(\'data-pwned\',\'2\')">click</a>'
    " \"><svg onload=alert(1)> Email me at jo@example.com or https://evil.example/x"
)


def _examples() -> list[dict[str, object]]:
    recs = [json.loads(line) for line in (ROOT / "examples" / "reviews.jsonl").read_text().splitlines() if line.startswith("{")]
    recs.append({"id": "hostile", "rating": 1, "body": HOSTILE})
    return recs


def test_highlight_escapes_everything() -> None:
    v = classify(Review(id="h", body=HOSTILE))
    out = highlight(HOSTILE, v.findings, "body")
    assert "<script" not in out and "<img" not in out and "<svg" not in out and "<a " not in out
    assert "&lt;script&gt;" in out
    assert '<mark class="rr-mark' in out
    page = verdict_html(v)
    assert "<script" not in page and "onerror=\"" not in page


def test_pii_masked_on_request() -> None:
    v = classify("Email me at jo@example.com")
    assert "jo@example.com" not in verdict_html(v, show_pii=False)
    assert "jo@example.com" in verdict_html(v, show_pii=True)
    assert mask("jo@example.com") == "••@•••••••.•••"


def test_reprs_stay_short() -> None:
    v = classify("Email me at jo@example.com")
    assert len(repr(v)) < 200 and "R-PII" in repr(v)
    r = check_message("Your replacement has shipped.")
    assert len(repr(r)) < 400
    a = audit(["fine", "see https://shop.example.com"])
    assert repr(a).startswith("<AuditReport") and "<div" in a._repr_html_()
    assert "rr-text" in r._repr_html_()


def test_report_is_self_contained_and_capped() -> None:
    rep = audit(_examples())
    html = render_report(rep, max_reviews=2)
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "<script>document" not in html
    assert 'id="rr-chart"' in html and "<svg" in html
    assert "Showing the first 2" in html
    assert "jo@example.com" not in html  # masked by default


def test_csv_export_neutralises_formulas() -> None:
    assert csv_safe("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    for lead in "+-@":
        assert csv_safe(lead + "1") == "'" + lead + "1"
    assert csv_safe("plain") == "plain"
    v = classify(Review(id="=cmd|' /C calc'!A0", body="Email me at jo@example.com"))
    buf = io.StringIO()
    n = write_csv([(v.subject_id, f) for f in v.findings], buf)
    rows = list(csv.reader(io.StringIO(buf.getvalue())))
    assert n == 1 and rows[1][0].startswith("'=")
    assert "jo@example.com" not in buf.getvalue()


def test_cli_html_and_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    html_path, csv_path = tmp_path / "r.html", tmp_path / "f.csv"
    rc = main(["scan", str(ROOT / "examples" / "reviews.jsonl"), "-q", "--html", str(html_path), "--csv", str(csv_path)])
    capsys.readouterr()
    assert rc == 1
    assert html_path.read_text().startswith("<!DOCTYPE html>")
    assert "kettle.fan@example.com" not in html_path.read_text()
    assert csv_path.read_text().splitlines()[0].startswith("subject_id,rule")
    main(["scan", str(ROOT / "examples" / "reviews.jsonl"), "-q", "--html", str(html_path), "--show-pii"])
    capsys.readouterr()
    assert "kettle.fan@example.com" in html_path.read_text()


def test_classify_frame() -> None:
    pd = pytest.importorskip("pandas")
    from reviewrules.frame import audit_frame, classify_frame

    df = pd.DataFrame({"body": ["Email me at jo@example.com", "fine kettle", None], "stars": [1, 5, 3]})
    per_finding = classify_frame(df, rating="stars")
    assert list(per_finding["rule"]) == ["R-PII"]
    per_review = classify_frame(df, rating="stars", per="review")
    assert len(per_review) == 3 and per_review.loc[0, "outcome"] == "removable"
    assert per_finding.groupby("rule").size()["R-PII"] == 1
    assert not audit_frame(audit(["see https://shop.example.com"])).empty


def test_import_does_not_import_pandas() -> None:
    import subprocess
    import sys

    code = "import sys, reviewrules; reviewrules.classify('hi there'); print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.skipif(browser.missing() is not None, reason=f"browser test skipped: {browser.missing()}")
def test_report_and_repr_in_real_browser(tmp_path: Path) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    rep = audit(_examples())
    report_path = tmp_path / "report.html"
    report_path.write_text(render_report(rep), encoding="utf-8")
    v = classify(Review(id="hostile", body=HOSTILE))
    repr_path = tmp_path / "repr.html"
    repr_path.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>repr</title></head><body>{v._repr_html_()}</body></html>", encoding="utf-8")
    driver = browser.make_driver()
    try:
        for path, title in ((report_path, "reviewrules report"), (repr_path, "repr")):
            driver.get(path.resolve().as_uri())
            with pytest.raises(NoAlertPresentException):
                driver.switch_to.alert.text  # noqa: B018
            assert driver.title == title
            assert driver.execute_script("return document.body.getAttribute('data-pwned')") is None
            assert not driver.find_elements(By.CSS_SELECTOR, "img, svg[onload], a[href^='javascript']")
            marks = driver.find_elements(By.CSS_SELECTOR, "mark.rr-mark")
            assert marks and all(m.is_displayed() for m in marks[:5])
            driver.save_screenshot(str(tmp_path / f"{path.stem}.png"))
        driver.get(report_path.resolve().as_uri())
        chart = driver.find_element(By.ID, "rr-chart")
        assert chart.is_displayed() and chart.size["width"] > 100
        assert len(driver.find_elements(By.CSS_SELECTOR, "#rr-chart rect.rr-bar")) >= 2
        total = int(driver.find_element(By.ID, "rr-shown").text)
        Select(driver.find_element(By.ID, "rr-rule")).select_by_value("R-LINKS")
        shown = int(driver.find_element(By.ID, "rr-shown").text)
        assert 0 < shown < total
        visible = [r for r in driver.find_elements(By.CSS_SELECTOR, "#rr-findings tbody tr") if r.is_displayed()]
        assert all(r.get_attribute("data-rule") == "R-LINKS" for r in visible)
    finally:
        driver.quit()
    assert (tmp_path / "report.png").stat().st_size > 10_000
