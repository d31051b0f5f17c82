"""R-REPEAT-NEGATIVE: one reviewer's several negative reviews of one product, its variations or duplicate
listings."""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterator
from typing import ClassVar

from ..detectors.base import CorpusItem
from ..models import Finding, Span, Tier
from ..settings import Settings
from ._util import DAY, NO_TIME, Codes, UnionFind, lead_span
from .sketch import ReviewSig, Sketcher, bottomk_similarity, item_signature

RULE = "R-REPEAT-NEGATIVE"
#: A text this long (in words) that one reviewer posted on two products on the same day is a mirrored review and
#: links the two products as variations or duplicate listings of one product.
MIRROR_MIN_WORDS = 8
#: Word-set Jaccard similarity from which two texts of one reviewer are one review (an edit or a mirror).
SAME_TEXT_JACCARD = 0.6
#: ... or the share of the shorter text's words found in the longer one (an edit that added or cut a sentence).
SAME_TEXT_CONTAINMENT = 0.9
#: Reviewer groups larger than this are compared by exact text only (bounded work on pathological input).
MAX_GROUP = 200


class RepeatNegativeDetector:
    """Flags a reviewer with two or more different negative reviews (at or below ``negative_max_rating``, default
    3 stars) of one product: the same product id, its parent product (variations share ``parent_product_id``), or
    a duplicate listing (two products on which the same reviewer's near-identical text of eight or more words
    appears, or that the same mirrored review of any reviewer links).

    One review is counted once: rows with the same reviewer, the same product and near-identical text are one review
    (an edit, or a duplicate row); the same reviewer's near-identical text on sibling variations on the same day is
    one review that Amazon shows on every variation (common in real data), not a repeat. The same complaint
    posted again on a sibling variation or a duplicate listing on another day is a repeat.

    Not flagged: a reviewer's negative reviews of different, unrelated products; one positive and one negative
    review; reviews without a reviewer id. Tier ``hold``: the metadata alone cannot tell a repeat from a data
    artefact, and a person should check the reviewer's history before reporting. The evidence is the opening of
    each review (when the input can be read twice).
    """

    rules: ClassVar[tuple[str, ...]] = (RULE,)
    corpus: ClassVar[bool] = True
    #: The signature votes its own language (generic-word lists), so an audit with only corpus rules on skips the
    #: per-review language guess.
    light_documents: ClassVar[bool] = True

    def __init__(self, settings: Settings) -> None:
        self.max_rating = settings.negative_max_rating
        self.sketcher = Sketcher()

    def sketch(self, item: CorpusItem) -> ReviewSig:
        return item_signature(self.sketcher, item)

    def accumulator(self) -> RepeatAccumulator:
        return RepeatAccumulator(self.sketcher, self.max_rating)


class RepeatAccumulator:
    """Columns of the reviews that have a reviewer id; word-set summaries for negative reviews only."""

    def __init__(self, sketcher: Sketcher, max_rating: int) -> None:
        self.sketcher = sketcher
        self.max_rating = max_rating
        self.ids: list[str] = []
        self.lines = array("q")
        self.reviewers = array("i")
        self.products = array("i")
        self.parents = array("i")
        self.ratings = array("b")
        self.times = array("q")
        self.hashes = array("Q")
        self.words = array("i")
        self.bottom_at = array("q")
        self.bottoms = array("I")
        self.reviewer_codes = Codes()
        self.product_codes = Codes()
        self._groups: list[tuple[list[int], int]] | None = None
        self._evidence: dict[int, Span] = {}

    def add(self, item: CorpusItem) -> None:
        self.add_sketch(item_signature(self.sketcher, item))

    def add_sketch(self, sig: ReviewSig) -> None:
        if sig.reviewer_id is None:
            return
        self.ids.append(sig.id)
        self.lines.append(sig.line)
        self.reviewers.append(self.reviewer_codes.code(sig.reviewer_id))
        self.products.append(self.product_codes.code(sig.product_id))
        self.parents.append(self.product_codes.code(sig.parent_product_id))
        self.ratings.append(sig.rating or 0)
        self.times.append(sig.time if sig.time is not None else NO_TIME)
        self.hashes.append(sig.text_hash)
        self.words.append(sig.words)
        if sig.rating is not None and sig.rating <= self.max_rating:
            self.bottom_at.append(len(self.bottoms))
            self.bottoms.append(len(sig.bottom))
            self.bottoms.extend(sig.bottom)
        else:
            self.bottom_at.append(-1)
        self._groups = None

    # -- analysis --------------------------------------------------------------------------------------------

    def _bottom(self, i: int) -> tuple[int, ...]:
        at = self.bottom_at[i]
        if at < 0:
            return ()
        n = self.bottoms[at]
        return tuple(self.bottoms[at + 1 : at + 1 + n])

    def _same_text(self, a: int, b: int, exact_only: bool) -> bool:
        if self.hashes[a] == self.hashes[b]:
            return True
        if exact_only:
            return False
        j, c = bottomk_similarity(self._bottom(a), self._bottom(b))
        return j >= SAME_TEXT_JACCARD or c >= SAME_TEXT_CONTAINMENT

    def _same_day(self, a: int, b: int) -> bool:
        ta, tb = self.times[a], self.times[b]
        if ta == NO_TIME or tb == NO_TIME:
            return True  # unknown time: give the reviewer the benefit of the doubt (a mirror)
        return abs(ta - tb) < DAY

    def groups(self) -> list[tuple[list[int], int]]:
        """(member indices sorted by id, number of distinct reviews) for every repeat, sorted by first id."""
        if self._groups is not None:
            return self._groups
        n = len(self.ids)
        per_reviewer = Counter(self.reviewers)
        multi = {r for r, c in per_reviewer.items() if c >= 2}
        # Products that are one product: parent links and mirrored reviews (same reviewer, text and day).
        products = UnionFind(len(self.product_codes.names))
        mirrors: dict[tuple[int, int, int], int] = {}
        negatives: dict[int, list[int]] = {}
        for i in range(n):
            p = self.products[i]
            if p >= 0 and self.parents[i] >= 0:
                products.union(p, self.parents[i])
            r = self.reviewers[i]
            if r not in multi:
                continue
            if self.bottom_at[i] >= 0:
                negatives.setdefault(r, []).append(i)
            t = self.times[i]
            if p >= 0 and t != NO_TIME and self.words[i] >= MIRROR_MIN_WORDS:
                key = (r, self.hashes[i], t // DAY)
                first = mirrors.setdefault(key, p)
                if first != p:
                    products.union(first, p)
        out: list[tuple[list[int], int]] = []
        names = self.reviewer_codes.names
        for r in sorted(negatives, key=names.__getitem__):
            members = negatives[r]
            if len(members) < 2:
                continue
            members.sort(key=lambda x: (self.ids[x], self.lines[x]))
            m = len(members)
            if m > MAX_GROUP:
                family, one = self._judge_large(members, products)
            else:
                family, one = self._judge(members, products)
            fams: dict[int, list[int]] = {}
            for a in range(m):
                fams.setdefault(family.find(a), []).append(a)
            for fam in fams.values():
                distinct = len({one.find(a) for a in fam})
                if len(fam) >= 2 and distinct >= 2:
                    out.append(([members[a] for a in fam], distinct))
        out.sort(key=lambda g: (self.ids[g[0][0]], self.lines[g[0][0]]))
        self._groups = out
        return out

    def _judge(self, members: list[int], products: UnionFind) -> tuple[UnionFind, UnionFind]:
        """One reviewer's negative reviews, pairwise: which are of one product (``family``) and which are one
        review (``one``: an edit, a duplicate row or a mirror)."""
        m = len(members)
        family, one = UnionFind(m), UnionFind(m)
        for a in range(m):
            for b in range(a + 1, m):
                ia, ib = members[a], members[b]
                st = self._same_text(ia, ib, False)
                pa, pb = self.products[ia], self.products[ib]
                linked = pa == pb or (pa >= 0 and pb >= 0 and products.find(pa) == products.find(pb))
                # Unlinked products are one product (a duplicate listing) only when the same substantial text is
                # on both: the same "Too small." on two different products is two products.
                dup = st and min(self.words[ia], self.words[ib]) >= MIRROR_MIN_WORDS
                if linked or dup:
                    family.union(a, b)
                if st and (pa == pb or self._same_day(ia, ib)):
                    one.union(a, b)
        return family, one

    def _judge_large(self, members: list[int], products: UnionFind) -> tuple[UnionFind, UnionFind]:
        """The same judgement in linear time for a reviewer with very many negative reviews: exact texts only."""
        m = len(members)
        family, one = UnionFind(m), UnionFind(m)
        first: dict[tuple[int, int, int], int] = {}
        for a, i in enumerate(members):
            p, h, t = self.products[i], self.hashes[i], self.times[i]
            keys = [(0, products.find(p) if p >= 0 else -1, 0)]
            if self.words[i] >= MIRROR_MIN_WORDS:
                keys.append((1, h, 0))
            for key in keys:
                family.union(a, first.setdefault(key, a))
            for key in ((2, h, p), (3, h, t // DAY if t != NO_TIME else NO_TIME)):
                one.union(a, first.setdefault(key, a))
        return family, one

    # -- pass 2: evidence ------------------------------------------------------------------------------------

    def wanted(self) -> frozenset[int]:
        return frozenset(self.lines[x] for g, _ in self.groups() for x in g)

    def supply(self, item: CorpusItem) -> None:
        span = lead_span(item)
        if span is not None:
            self._evidence[item.line] = span

    # -- findings --------------------------------------------------------------------------------------------

    def finish(self) -> Iterator[Finding]:
        for members, distinct in self.groups():
            yield self._finding(members, distinct)

    def _finding(self, members: list[int], distinct: int) -> Finding:
        reviewer = self.reviewer_codes.names[self.reviewers[members[0]]]
        products = sorted({self.product_codes.names[self.products[x]] for x in members if self.products[x] >= 0})
        same_product = len(products) <= 1
        conf = min(0.9, 0.55 + 0.1 * (distinct - 2) + (0.1 if same_product else 0.0))
        ratings = [str(self.ratings[x]) for x in members]
        where = "one product" if same_product else f"{len(products)} variations or listings of one product"
        spans = [self._evidence[self.lines[x]] for x in members if self.lines[x] in self._evidence]
        return Finding(
            rule=RULE,
            tier=Tier.hold,
            confidence=round(conf, 3),
            message=f"{distinct} different negative reviews of {where} by the same reviewer",
            spans=tuple(spans),
            subject_ids=tuple(self.ids[x] for x in members),
            details={
                "reviewer": reviewer,
                "products": products,
                "distinct_reviews": distinct,
                "reviews": len(members),
                "ratings": ratings,
            },
        )


DETECTORS = (RepeatNegativeDetector,)
