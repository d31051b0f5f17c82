from __future__ import annotations

import json
from collections.abc import Iterator
from typing import ClassVar

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from reviewrules import (
    AllowEntry,
    Engine,
    Feedback,
    Finding,
    PluginError,
    Review,
    RuleInfo,
    SellerMessage,
    Settings,
    Tier,
    audit,
    check_message,
    classify,
    rules,
)
from reviewrules.detectors import Document, Hit, Subject
from reviewrules.models import Outcome, SkipReason
from reviewrules.rules import catalogue


class ShoutingDetector:
    """Flags reviews written in capitals."""

    rules: ClassVar[tuple[RuleInfo, ...]] = (
        RuleInfo(id="ACME-SHOUTING", title="Review written in capitals", subjects=("review",), default_tier="hold"),
    )
    subjects: ClassVar[frozenset[Subject]] = frozenset({"review"})

    def __init__(self, settings: Settings) -> None:
        self.pattern = regex.compile(r"\b[A-Z]{3,}(?:\s+[A-Z]{3,}){2,}")

    def detect(self, doc: Document) -> Iterator[Hit]:
        for field in doc.texts():
            for m in self.pattern.finditer(field.text, timeout=doc.timeout):
                yield doc.hit("ACME-SHOUTING", field, m.start(), m.end(), Tier.hold, 0.6, "shouting", view=field.clean)


def test_classify_email_end_to_end() -> None:
    v = classify("Email me at jo@example.com")
    assert v.outcome == Outcome.removable
    (f,) = v.findings
    assert f.rule == "R-PII" and f.tier == Tier.clear
    assert f.spans[0].text == "jo@example.com"
    assert "R-PII" in v.coverage.ran
    assert v.actions[0].kind.value == "report"


def test_spans_are_exact_in_original_text_with_html() -> None:
    body = "Great&#34;<br />See <a href=\"https://shop.example.com/deal\">my shop</a> now"
    v = classify(Review(body=body))
    spans = [s for f in v.findings for s in f.spans]
    assert spans and all(body[s.start : s.end] == s.text for s in spans)
    assert spans[0].text == "https://shop.example.com/deal"


def test_custom_detector_runs_like_builtin() -> None:
    engine = Engine(detectors=[ShoutingDetector])
    v = engine.classify("THIS IS THE WORST KETTLE EVER")
    assert [f.rule for f in v.findings] == ["ACME-SHOUTING"]
    assert engine.rule("ACME-SHOUTING").title == "Review written in capitals"
    # the default engine does not know it: no global registry
    assert "ACME-SHOUTING" not in [f.rule for f in classify("THIS IS THE WORST KETTLE EVER").findings]
    spec = engine.spec()
    again = Engine.from_spec(spec)
    assert [f.rule for f in again.classify("THIS IS THE WORST KETTLE EVER").findings] == ["ACME-SHOUTING"]


def test_detector_errors_name_the_detector() -> None:
    class Bad:
        rules: ClassVar[tuple[str, ...]] = ("R-NOT-A-RULE",)
        subjects: ClassVar[frozenset[str]] = frozenset({"review"})

        def __init__(self, settings: Settings) -> None: ...

    with pytest.raises(PluginError, match=r"Bad.*unknown rule"):
        Engine(detectors=[Bad])


def test_two_engines_different_settings_do_not_interfere() -> None:
    a = Engine(Settings(disable=frozenset({"R-PII"})))
    b = Engine(Settings())
    text = "Email me at jo@example.com"
    assert "R-PII" not in a.classify(text).rules
    assert "R-PII" in b.classify(text).rules
    assert "R-PII" in a.classify(text).coverage.skipped_rules() or "R-PII" not in a.classify(text).coverage.ran


def test_allow_list_drops_accepted_evidence() -> None:
    s = Settings(allow=(AllowEntry(rule="R-PII", text="support@kettle.example", reason="our public address"),))
    v = Engine(s).classify("Write to support@kettle.example please")
    assert v.findings == ()


def test_only_and_groups() -> None:
    e = Engine(Settings(only=frozenset({"R-LINKS"})))
    v = e.classify("Email me at jo@example.com or visit https://shop.example.com")
    assert {f.rule for f in v.findings} == {"R-LINKS"}
    with pytest.raises(ValueError, match="unknown rule"):
        Engine(Settings(disable=frozenset({"R-NOPE"})))


def _word_detector(rule_id: str, precedence: int, word: str) -> type:
    class WordDetector:
        rules: ClassVar[tuple[RuleInfo, ...]] = (
            RuleInfo(id=rule_id, title=rule_id, subjects=("review",), precedence=precedence),
        )
        subjects: ClassVar[frozenset[Subject]] = frozenset({"review"})

        def __init__(self, settings: Settings) -> None: ...

        def detect(self, doc: Document) -> Iterator[Hit]:
            for f in doc.texts():
                i = f.norm.find(word)
                if i >= 0:
                    yield doc.hit(rule_id, f, i, i + len(word), Tier.clear, 0.9, rule_id)

    return WordDetector


def test_overlap_most_specific_wins_and_related_is_listed() -> None:
    e = Engine(
        Settings(only=frozenset({"ACME-GENERAL", "ACME-SPECIFIC"})),
        detectors=[_word_detector("ACME-GENERAL", 10, "idiot"), _word_detector("ACME-SPECIFIC", 90, "idiot")],
    )
    v = e.classify("the seller is an idiot")
    assert [f.rule for f in v.findings] == ["ACME-SPECIFIC"]
    assert v.findings[0].related == ("ACME-GENERAL",)
    # an email is not also a link to the mail domain
    assert [f.rule for f in classify("contact: john.doe@mystore.com").findings] == ["R-PII"]


def test_regex_budget_is_reported_in_coverage() -> None:
    class Slow:
        rules: ClassVar[tuple[RuleInfo, ...]] = (RuleInfo(id="ACME-SLOW", title="slow", subjects=("review",)),)
        subjects: ClassVar[frozenset[Subject]] = frozenset({"review"})

        def __init__(self, settings: Settings) -> None:
            self.p = regex.compile(r"(a+)+$")

        def detect(self, doc: Document) -> Iterator[Hit]:
            for f in doc.texts():
                self.p.search(f.text, timeout=doc.timeout)
            return iter(())

    e = Engine(Settings(regex_timeout=0.01), detectors=[Slow])
    v = e.classify("a" * 5000 + "b")
    assert "ACME-SLOW" in v.coverage.skipped_rules(SkipReason.input_bound)
    assert not v.coverage.complete


def test_truncation_is_reported() -> None:
    e = Engine(Settings(max_chars=100))
    v = e.classify("x " * 200 + "jo@example.com")
    assert v.coverage.truncated
    assert "R-PII" in v.coverage.skipped_rules(SkipReason.input_bound)


def test_rules_without_a_detector_are_reported_not_passed() -> None:
    engine = Engine(Settings(only=frozenset({"R-PII", "R-SPAM", "R-HATE"})), detectors=[], builtins=False)
    v = engine.classify("fine kettle")
    skipped = {s.rule: s.reason for s in v.coverage.skipped}
    assert v.coverage.ran == ()
    for rid in ("R-PII", "R-SPAM", "R-HATE"):
        assert skipped.get(rid) == SkipReason.not_evaluated
    assert all(r.kind in ("rule", "exemption", "group") for r in rules("review"))


def test_models_validate_strictly_and_hide_input() -> None:
    for bad in (0, 6, "five", 4.0):
        with pytest.raises(ValidationError) as exc:
            Review(body="my secret text", rating=bad)  # type: ignore[arg-type]
        assert "rating" in str(exc.value)
        assert "my secret text" not in str(exc.value)
    with pytest.raises(ValidationError):
        Review()
    Review(rating=3)  # rating-only review is fine
    r = Review(id="r1", body="ok", rating=5, vine=True)
    assert Review.model_validate_json(r.model_dump_json()) == r
    assert "properties" in Review.model_json_schema()
    f = Feedback(comment="late", fulfillment="FBA")  # type: ignore[arg-type]
    assert Feedback.model_validate_json(f.model_dump_json()) == f


def test_finding_fingerprint_ignores_offsets() -> None:
    a = classify("Email me at jo@example.com").findings[0]
    b = classify("Hello there. Email me at jo@example.com").findings[0]
    assert a.spans[0].start != b.spans[0].start
    assert a.fingerprint == b.fingerprint
    assert Finding.model_validate_json(a.model_dump_json()) == a


def test_check_message_and_audit() -> None:
    rep = check_message(SellerMessage(body="Your replacement has shipped."))
    assert rep.status.value in {"allowed", "review", "blocked"}
    report = audit([{"id": "a", "body": "see https://shop.example.com"}, {"id": "b", "rating": 9}, "fine"])
    assert report.records == 2
    assert report.bad_records[0].line == 2
    assert report.counts.get("R-LINKS") == 1


def test_feedback_is_classified() -> None:
    v = classify(Feedback(comment="Arrived late."))
    assert v.subject == "feedback"
    assert v.outcome in {Outcome.stays, Outcome.strike, Outcome.remove}


def test_catalogue_has_every_rule_id_of_rules_md() -> None:
    ids = set(catalogue())
    expected = {
        "R-SELLER-ORDER-SHIPPING", "R-SELLER-SERVICE", "R-ORDER-RETURNS", "R-SHIP-PACKAGING", "R-CONDITION-DAMAGE",
        "R-SHIP-COST-SPEED", "R-PRICING", "R-AVAILABILITY", "R-LANGUAGE", "R-SPAM", "R-PII", "R-PROFANITY",
        "R-HARASSMENT", "R-HATE", "R-SEXUAL", "R-LINKS", "R-PROMO", "R-CONFLICT", "R-COMPENSATED",
        "R-DROWNING-OUT", "R-REPEAT-NEGATIVE", "R-PLAGIARISM-IMPERSONATION", "R-ILLEGAL-DANGEROUS",
        "R-MEDICAL-CLAIMS", "X-NEGATIVE-OPINION", "X-COMPETITOR-COMPARISON", "X-VALUE-PRICE", "X-MIXED", "X-VINE",
        "X-AMAZON-LINK", "X-RATING-CONTENT-MISMATCH", "F-OBSCENE", "F-SELLER-PII", "F-PRODUCT-REVIEW-ONLY",
        "F-FBA-FULFILMENT", "F-BUYSHIPPING", "F-RESOLVED-REQUEST", "M-REVIEW-FOR-REFUND", "M-INCENTIVE-FOR-REVIEW",
        "M-ASK-POSITIVE", "M-CHANGE-REMOVE-REVIEW", "M-SELECTIVE-SOLICIT", "M-DIVERT-NEGATIVE", "M-REPEAT-SOLICIT",
        "M-SOLICIT-TIMING", "M-EXTERNAL-LINK", "M-CONTACT-INFO", "M-MARKETING", "M-NONESSENTIAL", "M-MEDIA",
        "M-EMOJI-STYLE", "M-LANGUAGE", "M-ORDER-ID", "M-ABUSE",
    }
    assert expected <= ids
    assert catalogue()["F-RESOLVED-REQUEST"].subjects == ("message",)
    assert catalogue()["R-SELLER-ORDER-SHIPPING"].kind == "group"


def test_main_paths_make_no_network_call(no_network: None) -> None:
    e = Engine()
    e.classify("Email me at jo@example.com, see https://shop.example.com, call (415) 555-2671")
    e.check_message("We'll refund you if you remove your review. Email help@brand.example")
    e.audit(["a kettle", {"body": "visit bit.ly/xyz"}])


@given(st.text(max_size=300))
@settings(max_examples=150, deadline=None)
def test_any_text_gives_a_verdict_with_exact_spans(text: str) -> None:
    if not text.strip():
        with pytest.raises(ValueError):
            classify(text)
        return
    v = classify(text)
    assert v == classify(text)  # deterministic
    for f in v.findings:
        assert 0.0 <= f.confidence <= 1.0
        for s in f.spans:
            assert 0 <= s.start <= s.end <= len(text)
            assert text[s.start : s.end] == s.text
    json.loads(v.model_dump_json())
