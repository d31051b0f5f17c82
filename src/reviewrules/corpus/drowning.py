"""R-DROWNING-OUT: near-identical reviews posted under several reviewer accounts."""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from typing import ClassVar

from ..detectors.base import CorpusItem
from ..models import Finding, Span, Tier
from ..settings import Settings
from ._util import DAY, NO_TIME, Codes, UnionFind, text_field
from .sketch import BANDS, BINS, ReviewSig, Sketcher, band_keys, item_signature, shingle_spans, similarity

RULE = "R-DROWNING-OUT"
#: Estimated Jaccard similarity of word-pair sets from which two candidates are near-identical. Sharing one
#: sentence of several is not enough; a copy with a few words or a sentence changed is well above it.
THRESHOLD = 0.7
#: A burst: the accounts' reviews fall within this window.
BURST_WINDOW = 3 * DAY


class DrowningOutDetector:
    """Flags clusters of near-identical reviews posted under two or more reviewer accounts, on one product or
    across products (all products of the audit are taken to be one seller's).

    How: every review with enough content gets a 64-value MinHash sketch of its word pairs (numbers read as one
    token, so changed prices, sizes or counts do not hide a copy). LSH banding puts reviews that share a band of the
    sketch into the same bucket; only those candidates are compared, never all pairs, and near-identical pairs
    (estimated Jaccard similarity of at least 0.7) are joined into clusters. Light edits, reordered sentences and
    changed names or numbers keep a copy in its cluster.

    A finding names every review of the cluster, the accounts, the products, the similarity and the time burst, and
    the shared text of each member as evidence (when the input can be read twice; otherwise the review ids only).
    Tier ``hold`` by default: a human should look at the accounts. ``clear`` only for five or more accounts posting
    near-identical text (similarity at least 0.85) within three days, the pattern of a coordinated campaign.

    Not flagged: short or stock texts ("Great product, fast shipping", "Works great, highly recommend"): a review
    needs at least ten word pairs that are not made only of function words and stock praise, and 40 characters
    (short templates such as "Bought this for my son and he loves it" stay out);
    the same reviewer's text shown on several variations of a product (one review shown twice, one account); one
    customer editing their own review; reviews without text. Reviews without a reviewer id count as separate
    accounts unless they are the same text on the same day (a mirrored row), and never make a ``clear`` finding.
    """

    rules: ClassVar[tuple[str, ...]] = (RULE,)
    corpus: ClassVar[bool] = True
    #: The signature votes its own language (generic-word lists), so an audit with only corpus rules on skips the
    #: per-review language guess.
    light_documents: ClassVar[bool] = True

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.sketcher = Sketcher()

    def sketch(self, item: CorpusItem) -> ReviewSig:
        return item_signature(self.sketcher, item)

    def accumulator(self) -> DrowningAccumulator:
        return DrowningAccumulator(self.sketcher)


class DrowningAccumulator:
    """Columns of compact signatures of the reviews that have a sketch; texts only for cluster members."""

    def __init__(self, sketcher: Sketcher) -> None:
        self.sketcher = sketcher
        self.ids: list[str] = []
        self.lines = array("q")
        self.reviewers = array("i")
        self.products = array("i")
        self.times = array("q")
        self.hashes = array("Q")
        self.sketches = array("I")
        self.bands = [array("q") for _ in range(BANDS)]
        self.reviewer_codes = Codes()
        self.product_codes = Codes()
        self._clusters: list[list[int]] | None = None
        self._evidence: dict[int, tuple[str, str, str, list[tuple[int, int, int]]]] = {}

    # -- pass 1 ----------------------------------------------------------------------------------------------

    def add(self, item: CorpusItem) -> None:
        self.add_sketch(item_signature(self.sketcher, item))

    def add_sketch(self, sig: ReviewSig) -> None:
        if sig.sketch is None:
            return
        self.ids.append(sig.id)
        self.lines.append(sig.line)
        self.reviewers.append(self.reviewer_codes.code(sig.reviewer_id))
        self.products.append(self.product_codes.code(sig.product_id))
        self.times.append(sig.time if sig.time is not None else NO_TIME)
        self.hashes.append(sig.text_hash)
        self.sketches.extend(sig.sketch)
        for b, k in enumerate(sig.bands or band_keys(sig.sketch)):
            self.bands[b].append(k)
        self._clusters = None

    # -- clustering ------------------------------------------------------------------------------------------

    def _sk(self, i: int) -> tuple[int, ...]:
        return tuple(self.sketches[i * BINS : (i + 1) * BINS])

    def _account(self, i: int) -> tuple[int, int]:
        r = self.reviewers[i]
        if r >= 0:
            return (r, 0)
        t = self.times[i]
        return (-1, hash((self.hashes[i], t // DAY if t != NO_TIME else NO_TIME)))

    def clusters(self) -> list[list[int]]:
        """Clusters (member indices sorted by review id) with at least two accounts, sorted by first id."""
        if self._clusters is not None:
            return self._clusters
        n = len(self.ids)
        uf = UnionFind(n)
        ids = self.ids
        for keys in self.bands:
            order = sorted(range(n), key=keys.__getitem__)
            i = 0
            while i < n:
                k = keys[order[i]]
                j = i + 1
                while j < n and keys[order[j]] == k:
                    j += 1
                if j - i > 1:
                    run = sorted(order[i:j], key=lambda x: (ids[x], self.lines[x]))
                    head = run[0]
                    hs = self._sk(head)
                    prev, prev_sk = head, hs
                    for m in run[1:]:
                        ms = self._sk(m)
                        if uf.find(m) != uf.find(head) and similarity(hs, ms) >= THRESHOLD:
                            uf.union(head, m)
                        elif uf.find(m) != uf.find(prev) and similarity(prev_sk, ms) >= THRESHOLD:
                            uf.union(prev, m)
                        prev, prev_sk = m, ms
                i = j
        roots = [uf.find(x) for x in range(n)]
        joined = {r for x, r in enumerate(roots) if r != x}
        groups: dict[int, list[int]] = {}
        for x, r in enumerate(roots):
            if r in joined:
                groups.setdefault(r, []).append(x)
        out: list[list[int]] = []
        for members in groups.values():
            members.sort(key=lambda x: (ids[x], self.lines[x]))
            if len({self._account(x) for x in members}) >= 2:
                out.append(members)
        out.sort(key=lambda ms: (ids[ms[0]], self.lines[ms[0]]))
        self._clusters = out
        return out

    # -- pass 2: evidence ------------------------------------------------------------------------------------

    def wanted(self) -> frozenset[int]:
        return frozenset(self.lines[x] for ms in self.clusters() for x in ms)

    def supply(self, item: CorpusItem) -> None:
        name = text_field(item)
        if name is None:
            return
        field = item.doc.fields[name]
        pairs = []
        for h, s, e in shingle_spans(self.sketcher, field.norm):
            rs, re_ = field.norm_view.to_root(s, e)
            pairs.append((h, rs, re_))
        self._evidence[item.line] = (item.id, name, field.original, pairs)

    # -- findings --------------------------------------------------------------------------------------------

    def finish(self) -> Iterator[Finding]:
        for members in self.clusters():
            yield self._finding(members)

    def _finding(self, members: list[int]) -> Finding:
        head = self._sk(members[0])
        sims = [similarity(head, self._sk(x)) for x in members[1:]]
        sim = sum(sims) / len(sims)
        accounts: dict[tuple[int, int], int] = {}
        for x in members:
            a = self._account(x)
            t = self.times[x]
            if a not in accounts or (t != NO_TIME and (accounts[a] == NO_TIME or t < accounts[a])):
                accounts[a] = t
        n_acc = len(accounts)
        unknown = sum(1 for a in accounts if a[0] < 0)
        times = sorted(t for t in accounts.values() if t != NO_TIME)
        burst = 0.0
        window = None
        if len(times) >= 2:
            best = 1
            lo = 0
            for hi in range(len(times)):
                while times[hi] - times[lo] > BURST_WINDOW:
                    lo += 1
                best = max(best, hi - lo + 1)
            burst = best / n_acc
            window = round((times[-1] - times[0]) / 3600, 1)
        size_term = min(1.0, (n_acc - 1) / 4)
        sim_term = max(0.0, min(1.0, (sim - THRESHOLD) / (1 - THRESHOLD)))
        conf = min(0.97, 0.45 + 0.25 * size_term + 0.15 * sim_term + 0.12 * burst)
        clear = n_acc >= 5 and unknown == 0 and sim >= 0.85 and burst >= 0.8
        names = sorted({self.reviewer_codes.names[a[0]] for a in accounts if a[0] >= 0})
        products = sorted({self.product_codes.names[self.products[x]] for x in members if self.products[x] >= 0})
        spans = self._spans(members)
        details: dict[str, str | int | float | bool | list[str] | None] = {
            "accounts": names[:100],
            "account_count": n_acc,
            "unknown_accounts": unknown,
            "reviews": len(members),
            "products": products[:100],
            "similarity": round(sim, 3),
            "burst": round(burst, 3),
            "time_range_hours": window,
        }
        msg = f"{len(members)} near-identical reviews from {n_acc} accounts"
        if burst >= 0.8 and n_acc >= 3:
            msg += " within three days"
        return Finding(
            rule=RULE,
            tier=Tier.clear if clear else Tier.hold,
            confidence=round(conf, 3),
            message=msg,
            spans=tuple(spans),
            subject_ids=tuple(self.ids[x] for x in members),
            details=details,
        )

    def _spans(self, members: list[int]) -> list[Span]:
        got = [self._evidence[self.lines[x]] for x in members if self.lines[x] in self._evidence]
        if not got:
            return []
        counts: dict[int, int] = {}
        for _, _, _, pairs in got:
            for h in {p[0] for p in pairs}:
                counts[h] = counts.get(h, 0) + 1
        need = 2 if len(got) >= 2 else 1
        out: list[Span] = []
        for sid, name, original, pairs in got:
            shared = [(s, e) for h, s, e in pairs if counts.get(h, 0) >= need]
            if not shared:
                continue
            s = min(p[0] for p in shared)
            e = max(p[1] for p in shared)
            out.append(Span(subject_id=sid, field=name, start=s, end=e, text=original[s:e]))
        return out


DETECTORS = (DrowningOutDetector,)
