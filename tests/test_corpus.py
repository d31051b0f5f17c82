"""Corpus rules: R-DROWNING-OUT (near-identical reviews from several accounts) and R-REPEAT-NEGATIVE (one reviewer's
several negative reviews of one product), streaming audit, worker processes, bad records."""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import shared_rows
from reviewrules import Settings
from reviewrules.api import default_engine
from reviewrules.cli import main
from reviewrules.corpus.sketch import Sketcher, similarity
from reviewrules.io import ReviewFile, map_review
from reviewrules.models import AuditReport, Finding, Review, Tier

CORPUS = Settings(only=frozenset({"corpus"}))
T0 = datetime(2024, 3, 1, 12, 0, tzinfo=timezone.utc)

BASE = (
    "This blender crushed ice in seconds and the glass jar feels solid. After three weeks of daily smoothies "
    "it still runs like new, and the lid seals tight so nothing leaks onto the counter."
)
VARIANTS = (
    BASE,
    BASE.replace("three weeks", "4 weeks"),
    "After three weeks of daily smoothies it still runs like new, and the lid seals tight so nothing leaks onto "
    "the counter. This blender crushed ice in seconds and the glass jar feels solid.",
    BASE.replace("blender", "Vortex 900 blender").replace("solid", "really solid"),
    BASE.replace("smoothies", "protein shakes") + " My wife Anna loves it.",
)
#: Independent, unrelated reviews (hand-written) that share stock phrases but no content.
UNRELATED = (
    "The kettle boils a full litre in under three minutes, but the handle gets hot near the lid hinge.",
    "Bought this mattress topper for a guest room; it lost most of its loft within two months of use.",
    "The headphones pair quickly with my laptop, though the left ear cup creaks whenever I turn my head.",
    "My cat ignored the scratching post for a week and now sleeps on top of it every single afternoon.",
    "These hiking socks kept my feet dry on a wet ridge walk, and they show no holes after twenty washes.",
    "The printer drivers installed without trouble, yet the paper tray jams if you load more than fifty sheets.",
    "A sturdy umbrella: it survived gusts on the seafront that turned two cheaper ones inside out last winter.",
    "The desk lamp has three colour temperatures, and the warm setting is pleasant for reading late at night.",
)
SHORT = (
    "Bought this for my son and he absolutely loves it",
    "I bought this for my 14 year old daughter and she loves it",
    "I have been using Turbo Tax for several years and it is great",
    "Great product, fast shipping",
    "Great product, fast shipping!",
    "Works great, highly recommend!",
    "Love it! Five stars, would buy again.",
    "Excellent quality, great price, fast shipping, highly recommend this product to everyone",
    "Very good product, works as expected, would recommend",
)


def rec(rid: str, body: str, reviewer: str | None, *, rating: int = 5, product: str = "P1", parent: str | None = None,
        when: datetime | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": rid, "body": body, "rating": rating, "product_id": product}
    if reviewer is not None:
        out["reviewer_id"] = reviewer
    if parent is not None:
        out["parent_product_id"] = parent
    out["created_at"] = (when or T0).isoformat()
    return out


def corpus(extra: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    rows = [rec(f"c{i}", v, f"acct{i}", when=T0 + timedelta(hours=5 * i)) for i, v in enumerate(VARIANTS)]
    rows += [rec(f"u{i}", t, f"user{i}", when=T0 + timedelta(days=i)) for i, t in enumerate(UNRELATED)]
    rows += [rec(f"s{i}-{k}", t, f"short{i}-{k}") for i, t in enumerate(SHORT) for k in range(6)]
    return rows + (extra or [])


def audit(rows: list[Any], jobs: int = 1, s: Settings = CORPUS) -> AuditReport:
    return default_engine(s).audit(rows, jobs=jobs)


def of(report: AuditReport, rule: str) -> list[Finding]:
    return [f for f in report.corpus_findings if f.rule == rule]


def check_spans(f: Finding, rows: list[dict[str, Any]]) -> None:
    bodies = {r["id"]: r["body"] for r in rows}
    for s in f.spans:
        assert s.subject_id in f.subject_ids
        assert bodies[s.subject_id][s.start : s.end] == s.text


# ---------------------------------------------------------------------------------------------------------------
# R-DROWNING-OUT


def test_injected_cluster_is_found_and_nothing_else() -> None:
    rows = corpus()
    report = audit(rows)
    found = of(report, "R-DROWNING-OUT")
    assert len(found) == 1
    f = found[0]
    assert set(f.subject_ids) == {f"c{i}" for i in range(len(VARIANTS))}
    assert f.details["account_count"] == 5
    assert f.details["accounts"] == [f"acct{i}" for i in range(5)]
    assert len(f.spans) == 5
    check_spans(f, rows)
    assert any("crushed ice in seconds" in s.text for s in f.spans)
    assert f.tier == Tier.hold  # similarity of the edited copies is below the clear bar
    assert not of(report, "R-REPEAT-NEGATIVE")


def test_burst_of_identical_reviews_from_new_accounts_is_clear() -> None:
    # RULES.md: "20 near-identical 1-star reviews within an hour from new accounts".
    text = ("Stopped working after two days, the motor smells burnt and customer support never answered my emails "
            "about the warranty replacement.")
    rows = [rec(f"b{i}", text if i % 3 else text + " Avoid.", f"new{i}", rating=1, when=T0 + timedelta(minutes=3 * i))
            for i in range(20)]
    f = of(audit(rows), "R-DROWNING-OUT")
    assert len(f) == 1 and f[0].tier == Tier.clear and len(f[0].subject_ids) == 20
    assert f[0].confidence >= 0.9
    assert "within three days" in f[0].message


def test_same_text_under_three_profiles_is_held() -> None:
    # RULES.md: "the same reviewer text under 3 different profile names".
    rows = [rec(f"p{i}", VARIANTS[0], name, when=T0 + timedelta(days=30 * i)) for i, name in enumerate("ABC")]
    f = of(audit(rows), "R-DROWNING-OUT")
    assert len(f) == 1 and f[0].tier == Tier.hold
    assert f[0].details["accounts"] == ["A", "B", "C"]
    assert f[0].details["burst"] == pytest.approx(1 / 3, abs=0.01)


@pytest.mark.parametrize("text", SHORT)
def test_short_stock_phrases_from_many_accounts_never_cluster(text: str) -> None:
    # RULES.md near-miss: many customers writing "Great product, fast shipping" independently.
    rows = [rec(f"g{i}", text, f"cust{i}", when=T0) for i in range(40)]
    assert not audit(rows).corpus_findings
    assert Sketcher().sketch(Sketcher().shingles(Sketcher().hashes(Sketcher().words(text.casefold())), "en")) is None


def test_one_customer_editing_or_mirroring_is_not_drowning_out() -> None:
    rows = [
        rec("e1", VARIANTS[0], "same", product="RED", parent="P"),
        rec("e2", VARIANTS[0], "same", product="BLUE", parent="P"),
        rec("e3", VARIANTS[1], "same", product="RED", parent="P", when=T0 + timedelta(days=3)),
    ]
    assert not of(audit(rows), "R-DROWNING-OUT")


def test_translated_and_obfuscated_copies() -> None:
    es = ("La licuadora tritura el hielo en segundos y la jarra de vidrio es muy sólida. Después de tres semanas de "
          "batidos diarios sigue funcionando como nueva y la tapa cierra bien.")
    rows = [rec("es1", es, "a"), rec("es2", es.replace("tres", "4"), "b"), rec("es3", es.upper(), "c")]
    f = of(audit(rows), "R-DROWNING-OUT")
    assert len(f) == 1 and set(f[0].subject_ids) == {"es1", "es2", "es3"}
    # A translation is a different text: not a copy.
    rows = [rec("en", VARIANTS[0], "a"), rec("es", es, "b")]
    assert not audit(rows).corpus_findings


def test_reviews_without_reviewer_ids() -> None:
    # Unknown accounts: the same text on the same day is one mirrored row; on other days, separate accounts (hold).
    same_day = [rec(f"m{i}", VARIANTS[0], None, product=f"V{i}") for i in range(3)]
    assert not of(audit(same_day), "R-DROWNING-OUT")
    spread = [rec(f"n{i}", VARIANTS[0], None, when=T0 + timedelta(minutes=i * 10) + timedelta(days=2 * i))
              for i in range(6)]
    f = of(audit(spread), "R-DROWNING-OUT")
    assert len(f) == 1 and f[0].tier == Tier.hold and f[0].details["unknown_accounts"] == 6


def test_sketch_is_stable_and_similarity_tracks_edits() -> None:
    sk = Sketcher()

    def sketch(t: str) -> tuple[int, ...]:
        s = sk.sketch(sk.shingles(sk.hashes(sk.words(t.casefold())), "en"))
        assert s is not None
        return s

    a = sketch(VARIANTS[0])
    assert a == sketch(VARIANTS[0])
    assert a == (
        sk.signature(line=1, id="x", norm=VARIANTS[0].casefold(), language="en", chars=200, reviewer_id=None,
                     product_id=None, parent_product_id=None, rating=None, created_at=None).sketch
    )
    assert similarity(a, sketch(VARIANTS[1])) >= 0.6
    assert similarity(a, sketch(VARIANTS[2])) >= 0.6
    assert similarity(a, sketch(UNRELATED[0] + " " + UNRELATED[1])) < 0.2


# ---------------------------------------------------------------------------------------------------------------
# R-REPEAT-NEGATIVE

COMPLAINT = "Leaks from the base every time I fill it past the halfway mark, and the seal looks cheaply glued."


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param(  # RULES.md: 1 star on the red and the blue child of one parent, same complaint
            [rec("r1", COMPLAINT, "X", rating=1, product="RED", parent="P"),
             rec("r2", COMPLAINT, "X", rating=1, product="BLUE", parent="P", when=T0 + timedelta(days=9))],
            {"r1", "r2"}, id="variations-same-complaint"),
        pytest.param(  # RULES.md: 1 star twice on one product via a duplicate listing (same text elsewhere)
            [rec("d1", COMPLAINT, "X", rating=1, product="A"),
             rec("d2", COMPLAINT + " Returned it.", "X", rating=1, product="A-DUP", when=T0 + timedelta(days=2))],
            {"d1", "d2"}, id="duplicate-listing"),
        pytest.param(  # RULES.md: three different 2-star reviews of the same product
            [rec("t1", "Too small for a medium, the seams itch.", "X", rating=2),
             rec("t2", "Colour faded after one wash, disappointing fabric.", "X", rating=2, when=T0 + timedelta(days=5)),
             rec("t3", "Zip broke on the third day, not worth it.", "X", rating=2, when=T0 + timedelta(days=9))],
            {"t1", "t2", "t3"}, id="three-on-one-product"),
        pytest.param(  # different complaints on two variations linked only by another reviewer's mirrored review
            [rec("v1", "Runs two sizes small and the sole squeaks.", "X", rating=1, product="RED"),
             rec("v2", "Stitching came apart after a week of wear.", "X", rating=2, product="BLUE",
                 when=T0 + timedelta(days=20)),
             rec("o1", UNRELATED[4], "Other", rating=5, product="RED"),
             rec("o2", UNRELATED[4], "Other", rating=5, product="BLUE")],
            {"v1", "v2"}, id="linked-by-mirror"),
        pytest.param(  # Spanish
            [rec("sp1", "Se rompió a los dos días, muy mala calidad del plástico.", "X", rating=1),
             rec("sp2", "El vendedor no responde y la tapa no cierra bien.", "X", rating=2, when=T0 + timedelta(days=4))],
            {"sp1", "sp2"}, id="spanish"),
    ],
)
def test_repeat_negative_flagged(rows: list[dict[str, Any]], expected: set[str]) -> None:
    found = of(audit(rows), "R-REPEAT-NEGATIVE")
    assert len(found) == 1
    f = found[0]
    assert set(f.subject_ids) == expected and f.tier == Tier.hold
    assert f.details["reviewer"] == "X"
    assert len(f.spans) == len(expected)
    check_spans(f, rows)


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param(  # RULES.md near-miss: two different products of the brand
            [rec("a1", "Runs two sizes small and the sole squeaks.", "X", rating=1, product="SHOE"),
             rec("a2", "Stitching came apart after a week of wear.", "X", rating=1, product="BAG",
                 when=T0 + timedelta(days=3))], id="different-products"),
        pytest.param(  # RULES.md near-miss: the reviewer updates their single review
            [rec("u1", COMPLAINT, "X", rating=1),
             rec("u2", COMPLAINT.replace("cheaply glued", "badly glued") + " Update: the replacement leaks too.", "X",
                 rating=2, when=T0 + timedelta(days=30))], id="edit"),
        pytest.param(  # the same review mirrored on every variation (same reviewer, text and day)
            [rec(f"m{i}", COMPLAINT, "X", rating=1, product=f"V{i}") for i in range(6)], id="mirrored"),
        pytest.param(  # a short edit: words added to a short review
            [rec("s1", "As described.", "X", rating=3),
             rec("s2", "Average product. As described.", "X", rating=3, when=T0 + timedelta(days=60))], id="short-edit"),
        pytest.param(  # the same short complaint on two unrelated products is two products, not a duplicate listing
            [rec("w1", "Too small. Returned.", "X", rating=2, product="SHIRT"),
             rec("w2", "Too small. Returned.", "X", rating=2, product="SHOES", when=T0 + timedelta(days=40))],
            id="short-text-two-products"),
        pytest.param(  # one positive and one negative review
            [rec("p1", "Runs two sizes small and the sole squeaks.", "X", rating=5),
             rec("p2", "Stitching came apart after a week of wear.", "X", rating=1)], id="one-negative"),
        pytest.param(  # no reviewer id: cannot be one customer's repeat
            [rec("n1", "Runs two sizes small.", None, rating=1), rec("n2", "Stitching came apart.", None, rating=1)],
            id="no-reviewer"),
    ],
)
def test_repeat_negative_not_flagged(rows: list[dict[str, Any]]) -> None:
    assert not of(audit(rows), "R-REPEAT-NEGATIVE")


def test_reviewer_with_very_many_negative_reviews_is_judged_in_linear_time() -> None:
    mirrored = [rec(f"big{i}", COMPLAINT, "X", rating=1, product=f"V{i}", parent="P") for i in range(260)]
    assert not of(audit(mirrored), "R-REPEAT-NEGATIVE")
    later = rec("late", "Zip broke on the third day, not worth it.", "X", rating=2, product="V3", parent="P",
                when=T0 + timedelta(days=12))
    found = of(audit([*mirrored, later]), "R-REPEAT-NEGATIVE")
    assert len(found) == 1 and found[0].details["distinct_reviews"] == 2 and len(found[0].subject_ids) == 261


def test_negative_threshold_is_a_setting() -> None:
    rows = [rec("t1", "Too small for a medium, the seams itch.", "X", rating=3),
            rec("t2", "Colour faded after one wash.", "X", rating=3, when=T0 + timedelta(days=5))]
    assert of(audit(rows), "R-REPEAT-NEGATIVE")
    strict = Settings(only=frozenset({"corpus"}), negative_max_rating=2)
    assert not of(audit(rows, s=strict), "R-REPEAT-NEGATIVE")


# ---------------------------------------------------------------------------------------------------------------
# Order, workers, streaming, bad records


def _key(report: AuditReport) -> tuple[Any, ...]:
    return (
        tuple(f.model_dump_json() for f in report.corpus_findings),
        tuple(v.subject_id for v in report.verdicts),
        report.counts,
        report.records,
    )


ORDER_ROWS = corpus([rec("r1", COMPLAINT, "X", rating=1, product="RED", parent="P"),
                     rec("r2", "Stitching came apart after a week.", "X", rating=2, product="BLUE", parent="P",
                         when=T0 + timedelta(days=2))])
ORDER_ENGINE = default_engine(CORPUS)
ORDER_KEY = _key(ORDER_ENGINE.audit(ORDER_ROWS))


@given(st.randoms(use_true_random=False))
@settings(max_examples=8, deadline=None)
def test_results_do_not_depend_on_input_order(rnd: random.Random) -> None:
    shuffled = ORDER_ROWS[:]
    rnd.shuffle(shuffled)
    assert _key(ORDER_ENGINE.audit(shuffled)) == ORDER_KEY


WORKER_ROWS: list[Any] = [
    *corpus([rec("r1", COMPLAINT, "X", rating=1), rec("r2", "Zip broke on day three.", "X", rating=1)]),
    {"id": "bad", "rating": 9},
    Review(id="model", body="Visit https://shop.example.com for the same blender cheaper", reviewer_id="m"),
    "a plain string review",
]
WORKER_ONE = default_engine(Settings()).audit(WORKER_ROWS, jobs=1)


@given(st.sampled_from([2, 3]), st.randoms(use_true_random=False))
@settings(max_examples=2, deadline=None)
def test_results_do_not_depend_on_worker_count(jobs: int, rnd: random.Random) -> None:
    rows = WORKER_ROWS[:]
    rnd.shuffle(rows)
    many = default_engine(Settings()).audit(rows, jobs=jobs)
    assert _key(many)[0] == _key(WORKER_ONE)[0]
    assert many.counts == WORKER_ONE.counts and many.records == WORKER_ONE.records
    assert len(many.bad_records) == len(WORKER_ONE.bad_records) == 1
    assert of(many, "R-DROWNING-OUT") and of(many, "R-REPEAT-NEGATIVE")


def test_worker_count_keeps_verdicts_identical() -> None:
    two = default_engine(Settings()).audit(WORKER_ROWS, jobs=2)
    assert _key(two) == _key(WORKER_ONE)
    assert two.bad_records == WORKER_ONE.bad_records
    assert "model" in {v.subject_id for v in two.verdicts}


def test_generator_input_is_read_once_and_keeps_ids() -> None:
    rows = corpus()
    report = default_engine(CORPUS).audit(r for r in rows)
    f = of(report, "R-DROWNING-OUT")
    assert len(f) == 1 and len(f[0].subject_ids) == 5
    assert f[0].spans == ()  # a generator cannot be read again for the evidence text


def test_bad_lines_are_reported_and_the_rest_audited(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "reviews.jsonl"
    lines = [json.dumps(r) for r in corpus()]
    lines.insert(3, "{not json")
    lines.insert(10, json.dumps({"id": "x", "rating": 7, "body": "bad rating"}))
    lines.insert(12, "[1, 2]")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = default_engine(CORPUS).audit(ReviewFile(path))
    assert [b.line for b in report.bad_records] == [4, 11, 13]
    assert report.records == len(lines) - 3
    f = of(report, "R-DROWNING-OUT")
    assert len(f) == 1 and len(f[0].spans) == 5  # a file is read again for the evidence
    rc = main(["scan", str(path), "--only", "corpus", "--jobs", "2", "-q", "--actions"])
    out, err = capsys.readouterr()
    assert rc == 0  # hold findings only
    rows = [json.loads(x) for x in out.splitlines()]
    assert [r["rule"] for r in rows] == ["R-DROWNING-OUT"]
    assert rows[0]["actions"][0]["kind"] == "review_by_human"
    assert "skipped line 4" in err and "skipped line 11" in err and "skipped line 13" in err


def test_csv_input(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    head = "review_id,reviewerID,asin,overall,reviewText,unixReviewTime\n"
    body = "".join(f'c{i},acct{i},P1,5,"{v}",{1700000000 + i * 3600}\n' for i, v in enumerate(VARIANTS))
    path.write_text(head + body, encoding="utf-8")
    f = of(default_engine(CORPUS).audit(ReviewFile(path)), "R-DROWNING-OUT")
    assert len(f) == 1 and len(f[0].subject_ids) == 5 and len(f[0].spans) == 5


@given(st.lists(st.text(min_size=0, max_size=120), min_size=1, max_size=6))
@settings(max_examples=20, deadline=None)
def test_any_unicode_gives_exact_spans(texts: list[str]) -> None:
    rows: list[Any] = []
    for i, t in enumerate(texts):
        rows.append(rec(f"h{i}", t + " " + VARIANTS[i % 2], f"acct{i}", rating=1 + i % 5))
        rows.append(rec(f"k{i}", t or "x", "same", rating=1))
    report = ORDER_ENGINE.audit(rows)
    bodies = {r["id"]: r["body"] for r in rows}
    for f in report.corpus_findings:
        for s in f.spans:
            assert 0 <= s.start <= s.end <= len(bodies[s.subject_id])
            assert bodies[s.subject_id][s.start : s.end] == s.text


# ---------------------------------------------------------------------------------------------------------------
# Real data (skips without ../shared/data)


def test_fine_food_repeat_negatives_are_found() -> None:
    rows = [map_review(r) for r in shared_rows("amazon_fine_food_5k")]
    found = of(default_engine(CORPUS).audit(rows), "R-REPEAT-NEGATIVE")
    reviewers = {f.details["reviewer"] for f in found}
    # Same reviewer, same product, different negative reviews.
    assert {"A2058UP7ATXFOF", "A2RKZ839WIWVHL"} <= reviewers
    # The same text posted four times (A2NLZ3M0OJV9NX) or twice on one day (A19U4T4I7UZGNM) is one review.
    assert not reviewers & {"A2NLZ3M0OJV9NX", "A19U4T4I7UZGNM"}


def test_fashion_mirrored_variation_rows_are_not_repeats() -> None:
    raw = shared_rows("amazon_fashion_5core_2018")
    report = default_engine(CORPUS).audit([map_review(r) for r in raw])
    assert not of(report, "R-REPEAT-NEGATIVE")
    # The data is full of one reviewer's text mirrored across colour/size variants: no cluster of one account.
    for f in of(report, "R-DROWNING-OUT"):
        assert int(f.details["account_count"] or 0) >= 2


def test_spawned_workers_rebuild_the_engine_and_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where processes cannot be forked, workers rebuild the engine from its spec; results are the same."""
    import multiprocessing

    from reviewrules.corpus import parallel

    monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("spawn"))
    two = default_engine(Settings()).audit(WORKER_ROWS, jobs=2)
    assert _key(two) == _key(WORKER_ONE)
    assert two.bad_records == WORKER_ONE.bad_records
