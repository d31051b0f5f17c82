"""Accuracy of every rule on the labelled dev data, with the peers users would pick instead, in the same run.

    python benchmarks/accuracy.py            # print the tables and rewrite docs/benchmarks.md's accuracy section
    python benchmarks/accuracy.py --samples  # also print 20 random clear findings per rule on the real Amazon sets

Peers (better_profanity, alt-profanity-check, scrubadub, presidio-analyzer, urlextract) come from
benchmarks/requirements.txt into the benchmark environment only; a peer that cannot be imported is skipped with a
message. Nothing here runs in the unit tests except a smoke test on a few records.
"""

from __future__ import annotations

import argparse
import logging
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import (
    AMAZON_SETS,
    DATA,
    PRF,
    ROOT,
    amazon_reviews,
    contested_labels,
    have_data,
    replace_section,
    rows,
)
from reviewrules import Engine, Review, Tier

SELLER_FAMILY = ("R-SELLER-SERVICE", "R-ORDER-RETURNS", "R-SHIP-PACKAGING", "R-CONDITION-DAMAGE", "R-SHIP-COST-SPEED")
OFFENSIVE_RULES = ("R-PROFANITY", "R-HARASSMENT", "R-HATE", "R-SEXUAL")
PROMO_RULES = ("R-PROMO", "R-LINKS")


# ------------------------------------------------------------------------------------------------------------------
# gold reviews


def _found(v: Any) -> dict[str, Tier]:
    """Rule -> tier for one verdict. A rule the engine lists as ``related`` (the same evidence also breaks it, and a
    more specific finding took the span) counts at that finding's tier."""
    out: dict[str, Tier] = {}
    for f in v.findings:
        for rule in (f.rule, *f.related):
            if rule not in out or f.tier == Tier.clear:
                out[rule] = f.tier
    return out


def _gold_table(rules: set[str], results: list[tuple[dict[str, Tier], dict[str, str], str, str]],
                n_labels: Counter[str]) -> list[str]:
    any_tier: dict[str, PRF] = defaultdict(PRF)
    clear_only: dict[str, PRF] = defaultdict(PRF)
    family_any, family_clear = PRF(), PRF()
    clean_with_clear = clean = clear_named = clear_total = 0
    label_clear_found_clear = label_clear_found_any = label_clear_total = 0
    for found, labels, _gold_kind, _kind in results:
        for rule in rules:
            any_tier[rule].add(rule in found, rule in labels)
            clear_only[rule].add(found.get(rule) == Tier.clear, labels.get(rule) == "clear")
        family_any.add(any(x in found for x in SELLER_FAMILY), any(x in labels for x in SELLER_FAMILY))
        family_clear.add(any(found.get(x) == Tier.clear for x in SELLER_FAMILY),
                         any(labels.get(x) == "clear" for x in SELLER_FAMILY))
        if not labels:
            clean += 1
            clean_with_clear += any(t == Tier.clear for t in found.values())
        for rule, tier in found.items():
            if tier == Tier.clear and rule in rules:
                clear_total += 1
                clear_named += rule in labels
        for rule, tier in labels.items():
            if tier == "clear":
                label_clear_total += 1
                label_clear_found_clear += found.get(rule) == Tier.clear
                label_clear_found_any += rule in found
    lines = [
        "| rule | labelled | any tier: TP | FP | FN | P | R | F1 | clear only: TP | FP | FN | P | R | F1 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for rule in sorted(rules):
        a, c = any_tier[rule], clear_only[rule]
        if a.tp + a.fp + a.fn == 0:
            continue
        lines.append(f"| {rule} | {n_labels.get(rule, 0)} | {a.row()} | {c.row()} |")
    lines.append(f"| seller/shipping family | {sum(n_labels.get(x, 0) for x in SELLER_FAMILY)} | {family_any.row()} | {family_clear.row()} |")
    lines += [
        "",
        f"- Reviews with no label that get a `clear` finding: {clean_with_clear}/{clean} = {clean_with_clear / max(clean, 1):.1%}",
        f"- `clear` findings naming a rule the labellers gave: {clear_named}/{clear_total} = {clear_named / max(clear_total, 1):.1%}",
        f"- Labellers' `clear` labels found `clear`: {label_clear_found_clear}/{label_clear_total} = "
        f"{label_clear_found_clear / max(label_clear_total, 1):.0%}; found at any tier: {label_clear_found_any}/{label_clear_total} = "
        f"{label_clear_found_any / max(label_clear_total, 1):.0%}",
    ]
    return lines


def gold(engine: Engine, records: Iterable[dict[str, Any]]) -> str:
    recs = list(records)
    contested = contested_labels()
    rules = {r.id for r in engine.rules() if r.kind == "rule" and "review" in r.subjects}
    raw: list[tuple[dict[str, Tier], dict[str, str], str, str]] = []
    fair: list[tuple[dict[str, Tier], dict[str, str], str, str]] = []
    kinds = Counter[tuple[str, str]]()
    set_aside = 0
    for r in recs:
        review = Review(id=r["id"], body=r["text"] or None, title=r.get("title") or None,
                        rating=r["rating"] if isinstance(r.get("rating"), int) and 1 <= r["rating"] <= 5 else None)
        if not (review.body or review.title):
            continue
        v = engine.classify(review)
        found = _found(v)
        labels: dict[str, str] = {}
        for lab in r["labels"]:
            if labels.get(lab["rule"]) != "clear":
                labels[lab["rule"]] = lab["tier"]
        kept = {k: t for k, t in labels.items() if (r["id"], k) not in contested}
        set_aside += len(labels) - len(kept)
        raw.append((found, labels, r["kind"], v.kind.value))
        fair.append((found, kept, r["kind"], v.kind.value))
        kinds[(r["kind"], v.kind.value)] += 1
    n_raw = Counter(lab["rule"] for r in recs for lab in r["labels"])
    n_fair = Counter(lab["rule"] for r in recs for lab in r["labels"] if (r["id"], lab["rule"]) not in contested)
    agree = sum(n for (a, b), n in kinds.items() if a == b)
    total = sum(kinds.values())
    lines = [
        f"gold_reviews.dev.jsonl: {len(recs)} reviews. Review-level scores per rule (a rule counts once per review; "
        "a rule listed as `related` of a finding counts at that finding's tier). The content rules were tuned on "
        "this dev set, so read these figures as an upper bound; what they do on reviews nobody tuned on is under "
        "*Read samples of clear findings* below.",
        "",
        f"`kind` agreement: {agree}/{total} = {agree / max(total, 1):.1%}; "
        + ", ".join(f"{k}: recall {_kind_recall(kinds, k):.2f}" for k in ("product", "seller", "mixed", "other")),
        "",
        f"**Following RULES.md**: {set_aside} labels that contradict RULES.md set aside (passing positive remarks about "
        "delivery, packing or the seller in a product review; ids and reasons in `benchmarks/contested_labels.json`).",
        "",
        *_gold_table(rules, fair, n_fair),
        "",
        "**Raw labels** (every label as given):",
        "",
        *_gold_table(rules, raw, n_raw),
    ]
    return "\n".join(lines)


def _kind_recall(kinds: Counter[tuple[str, str]], k: str) -> float:
    tot = sum(n for (a, _), n in kinds.items() if a == k)
    return kinds[(k, k)] / tot if tot else float("nan")


# ------------------------------------------------------------------------------------------------------------------
# PII spans


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter > 0 and inter >= 0.5 * max(a[1] - a[0], b[1] - b[0])


def _span_score(pred: list[tuple[int, int]], gold_spans: list[tuple[int, int]], prf: PRF) -> None:
    used: set[int] = set()
    for p in pred:
        j = next((i for i, g in enumerate(gold_spans) if i not in used and _overlap(p, g)), None)
        if j is None:
            prf.fp += 1
        else:
            used.add(j)
            prf.tp += 1
    prf.fn += len(gold_spans) - len(used)


def pii(engine: Engine, records: Iterable[dict[str, Any]], peers: dict[str, Callable[[str], dict[str, list[tuple[int, int]]]]]) -> str:
    recs = list(records)
    ours = {"EMAIL_ADDRESS": PRF(), "PHONE_NUMBER": PRF()}
    theirs = {name: {"EMAIL_ADDRESS": PRF(), "PHONE_NUMBER": PRF()} for name in peers}
    kind_of = {"email": "EMAIL_ADDRESS", "phone": "PHONE_NUMBER"}
    for r in recs:
        text = r["full_text"]
        if not text.strip():
            continue
        gold_spans: dict[str, list[tuple[int, int]]] = {"EMAIL_ADDRESS": [], "PHONE_NUMBER": []}
        for s in r.get("spans") or []:
            if s["entity_type"] in gold_spans:
                gold_spans[s["entity_type"]].append((s["start_position"], s["end_position"]))
        v = engine.classify(Review(body=text))
        pred: dict[str, list[tuple[int, int]]] = {"EMAIL_ADDRESS": [], "PHONE_NUMBER": []}
        for f in v.findings:
            if f.rule != "R-PII":
                continue
            for sp in f.spans:
                et = _pii_kind(text[sp.start:sp.end])
                if et in pred:
                    pred[et].append((sp.start, sp.end))
        for et in ours:
            _span_score(pred[et], gold_spans[et], ours[et])
        for name, fn in peers.items():
            got = fn(text)
            for et in ours:
                _span_score(got.get(et, []), gold_spans[et], theirs[name][et])
    lines = [f"presidio_synthetic_pii.dev.jsonl: {len(recs)} texts; span-level, a predicted span matches a gold span "
             "when they overlap by at least half of the longer one.", "",
             "| system | entity | TP | FP | FN | P | R | F1 |", "|---|---|---:|---:|---:|---:|---:|---:|"]
    for et, prf in ours.items():
        lines.append(f"| reviewrules | {et} | {prf.row()} |")
    for name, d in theirs.items():
        for et, prf in d.items():
            lines.append(f"| {name} | {et} | {prf.row()} |")
    del kind_of
    return "\n".join(lines)


_EMAILISH = regex.compile(r"@|＠|[\(\[\{<]\s*at\s*[\)\]\}>]|\sat\s", regex.IGNORECASE)


def _pii_kind(evidence: str) -> str:
    """Type an R-PII evidence span by its content: email, phone, or other (addresses, plates, order numbers)."""
    if (_EMAILISH.search(evidence) and "." in evidence) or ("dot" in evidence.lower() and _EMAILISH.search(evidence)):
        return "EMAIL_ADDRESS"
    digits = sum(ch.isdigit() for ch in evidence)
    letters = sum(ch.isalpha() for ch in evidence)
    if digits >= 6 and letters <= digits and not regex.fullmatch(r"\d{3}-\d{7}-\d{7}", evidence.strip()):
        return "PHONE_NUMBER"
    if letters and evidence.split()[0].lower() in SPELLED_DIGITS:
        return "PHONE_NUMBER"
    return "OTHER"


SPELLED_DIGITS = frozenset(
    ["zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove"]
)


# ------------------------------------------------------------------------------------------------------------------
# Binary text tasks (offensive language, promotion)


def binary(engine: Engine, texts: list[str], labels: list[bool], rules: tuple[str, ...],
           peers: dict[str, Callable[[list[str]], list[bool]]], peer_sample: int = 1000,
           seed: int = 11) -> dict[str, tuple[PRF, PRF | None]]:
    """Review-level scores on every text; peers run on a deterministic sample (some are very slow), and our
    figures on that same sample are printed beside them."""
    pairs = [(t, y) for t, y in zip(texts, labels, strict=True) if t.strip()]
    flags: list[tuple[bool, bool]] = []
    any_prf, clear_prf = PRF(), PRF()
    for text, y in pairs:
        v = engine.classify(Review(body=text))
        hit = [f for f in v.findings if f.rule in rules]
        flags.append((bool(hit), any(f.tier == Tier.clear for f in hit)))
        any_prf.add(bool(hit), y)
        clear_prf.add(flags[-1][1], y)
    out: dict[str, tuple[PRF, PRF | None]] = {
        f"reviewrules (any tier), all {len(pairs)}": (any_prf, None),
        f"reviewrules (clear), all {len(pairs)}": (clear_prf, None),
    }
    if peers:
        idx = sorted(random.Random(seed).sample(range(len(pairs)), min(peer_sample, len(pairs))))
        ours = PRF()
        for i in idx:
            ours.add(flags[i][0], pairs[i][1])
        out[f"reviewrules (any tier), sample of {len(idx)}"] = (ours, None)
        for name, fn in peers.items():
            prf = PRF()
            for p, i in zip(fn([pairs[i][0] for i in idx]), idx, strict=True):
                prf.add(p, pairs[i][1])
            out[f"{name}, sample of {len(idx)}"] = (prf, None)
    return out


def _binary_table(title: str, res: dict[str, tuple[PRF, PRF | None]]) -> str:
    lines = [title, "", "| system | TP | FP | FN | P | R | F1 |", "|---|---:|---:|---:|---:|---:|---:|"]
    for name, (prf, _) in res.items():
        lines.append(f"| {name} | {prf.row()} |")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------------------------------
# Real Amazon sets: clear findings per rule, and samples for reading


def real_sets(engine: Engine, samples: bool, seed: int = 7) -> str:
    lines = ["| dataset | reviews | with a clear finding | share | clear findings per rule |", "|---|---:|---:|---:|---|"]
    picked: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    total_n = total_flag = 0
    for name in AMAZON_SETS:
        n = flagged = 0
        per_rule: Counter[str] = Counter()
        for rec in amazon_reviews(name):
            v = engine.classify(Review(**rec))
            n += 1
            clear = [f for f in v.findings if f.tier == Tier.clear]
            if clear:
                flagged += 1
            for f in clear:
                per_rule[f.rule] += 1
                picked[f.rule].append((rec["id"], f.spans[0].text if f.spans else "", rec["body"]))
        total_n += n
        total_flag += flagged
        rules_txt = ", ".join(f"{r} {c}" for r, c in per_rule.most_common())
        lines.append(f"| {name} | {n} | {flagged} | {flagged / max(n, 1):.2%} | {rules_txt or '-'} |")
    lines.append(f"| all four | {total_n} | {total_flag} | {total_flag / max(total_n, 1):.2%} | |")
    if samples:
        rng = random.Random(seed)
        for rule, items in sorted(picked.items()):
            print(f"\n=== {rule}: {len(items)} clear findings; sample of up to 20 ===")
            for rid, ev, body in rng.sample(items, min(20, len(items))):
                print(f"- {rid} evidence={ev!r}\n    {body[:300]!r}")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------------------------------
# Peers (optional)


def load_peers() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any], list[str]]:
    offensive: dict[str, Callable[[list[str]], list[bool]]] = {}
    pii_peers: dict[str, Callable[[str], dict[str, list[tuple[int, int]]]]] = {}
    links: dict[str, Callable[[list[str]], list[bool]]] = {}
    notes: list[str] = []
    try:
        from better_profanity import profanity  # type: ignore[import-not-found]

        profanity.load_censor_words()
        offensive["better_profanity"] = lambda ts: [bool(profanity.contains_profanity(t)) for t in ts]
    except Exception as exc:
        notes.append(f"better_profanity skipped ({type(exc).__name__})")
    try:
        from profanity_check import predict  # type: ignore[import-not-found]

        offensive["alt-profanity-check"] = lambda ts: [bool(x) for x in predict(ts)]
    except Exception as exc:
        notes.append(f"alt-profanity-check skipped ({type(exc).__name__})")
    try:
        from urlextract import URLExtract  # type: ignore[import-not-found]

        ux = URLExtract(cache_dns=False)
        links["urlextract"] = lambda ts: [bool(ux.has_urls(t)) for t in ts]
    except Exception as exc:
        notes.append(f"urlextract skipped ({type(exc).__name__})")
    try:
        import scrubadub  # type: ignore[import-not-found]

        scrubber = scrubadub.Scrubber(locale="en_US")

        def scrub(text: str) -> dict[str, list[tuple[int, int]]]:
            out: dict[str, list[tuple[int, int]]] = {"EMAIL_ADDRESS": [], "PHONE_NUMBER": []}
            for filth in scrubber.iter_filth(text):
                et = {"email": "EMAIL_ADDRESS", "phone": "PHONE_NUMBER"}.get(filth.type)
                if et:
                    out[et].append((filth.beg, filth.end))
            return out

        pii_peers["scrubadub"] = scrub
    except Exception as exc:
        notes.append(f"scrubadub skipped ({type(exc).__name__})")
    try:
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry  # type: ignore[import-not-found]
        from presidio_analyzer.nlp_engine import NlpArtifacts  # type: ignore[import-not-found]
        from presidio_analyzer.predefined_recognizers import EmailRecognizer, PhoneRecognizer  # type: ignore[import-not-found]

        recs = [EmailRecognizer(), PhoneRecognizer(supported_regions=("US", "GB", "DE", "FR", "IT", "ES"))]
        empty = NlpArtifacts(entities=[], tokens=[], tokens_indices=[], lemmas=[], nlp_engine=None, language="en")

        def presidio(text: str) -> dict[str, list[tuple[int, int]]]:
            out: dict[str, list[tuple[int, int]]] = {"EMAIL_ADDRESS": [], "PHONE_NUMBER": []}
            for rec in recs:
                for res in rec.analyze(text, entities=rec.supported_entities, nlp_artifacts=empty):
                    if res.entity_type in out and res.score >= 0.3:
                        out[res.entity_type].append((res.start, res.end))
            return out

        pii_peers["presidio (pattern recognizers, no NLP model)"] = presidio
        del AnalyzerEngine, RecognizerRegistry
    except Exception as exc:
        notes.append(f"presidio-analyzer skipped ({type(exc).__name__})")
    return offensive, pii_peers, links, notes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--samples", action="store_true", help="print 20 random clear findings per rule (real sets)")
    ap.add_argument("--no-write", action="store_true", help="do not rewrite docs/benchmarks.md")
    ap.add_argument("--limit", type=int, default=None, help="records per dataset (for quick runs)")
    args = ap.parse_args(argv)
    if not have_data():
        print(f"benchmarks: evaluation data not found at {DATA}; skipping")
        return 0
    t0 = time.time()
    logging.getLogger("tldextract").setLevel(logging.CRITICAL)  # scrubadub's tldextract tries the network; it falls back
    engine = Engine()
    offensive, pii_peers, link_peers, notes = load_peers()
    lim = args.limit
    parts: list[str] = []
    parts.append("### Gold reviews (all review rules)\n\n" + gold(engine, rows("gold_reviews", lim)))
    parts.append("### Personal information spans\n\n" + pii(engine, rows("presidio_synthetic_pii", lim), pii_peers))
    olid = list(rows("olid_offenseval2019_train", lim))
    parts.append("### Offensive language\n\n" + _binary_table(
        "OLID (offenseval 2019 train, dev split): OFF vs NOT; reviewrules counts R-PROFANITY, R-HARASSMENT, R-HATE, R-SEXUAL.",
        binary(engine, [r["tweet"] for r in olid], [r["subtask_a"] == "OFF" for r in olid], OFFENSIVE_RULES, offensive)))
    dav = list(rows("davidson_hate_offensive", lim))
    parts.append(_binary_table(
        "Davidson et al.: hate or offensive vs neither (alt-profanity-check was trained on this data: no fair bar).",
        binary(engine, [r["tweet"] for r in dav], [r["class"] != 2 for r in dav], OFFENSIVE_RULES, offensive)))
    parts.append(_binary_table(
        "Davidson et al.: hate speech (class 0) vs the rest, reviewrules R-HATE only.",
        binary(engine, [r["tweet"] for r in dav], [r["class"] == 0 for r in dav], ("R-HATE",), {})))
    sms = list(rows("sms_spam_collection", lim))
    parts.append("### Promotion and links\n\n" + _binary_table(
        "SMS Spam Collection: spam vs ham; reviewrules counts R-PROMO and R-LINKS.",
        binary(engine, [r["SMS"] for r in sms], [r["Label"] == "spam" for r in sms], PROMO_RULES, link_peers)))
    yt = list(rows("youtube_spam_collection", lim))
    parts.append(_binary_table(
        "YouTube Spam Collection: spam vs ham; reviewrules counts R-PROMO and R-LINKS.",
        binary(engine, [r["CONTENT"] for r in yt], [r["CLASS"] == 1 for r in yt], PROMO_RULES, link_peers)))
    parts.append("### Real Amazon reviews: clear findings (false alarms are what sellers notice first)\n\n"
                 + real_sets(engine, args.samples))
    if notes:
        parts.append("Peers not run: " + "; ".join(notes) + ". Install them with `pip install -r benchmarks/requirements.txt`.")
    report = "\n\n".join(parts)
    print(report)
    print(f"\n(accuracy run took {time.time() - t0:.0f} s)")
    if not args.no_write and lim is None:
        replace_section(ROOT / "docs" / "benchmarks.md", "accuracy", report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
