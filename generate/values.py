"""Draw the true values of the three tables: realistic sizes, many zeros, identities H1–H4 holding.

Values are ``int`` for counts and signed changes and :class:`decimal.Decimal` (万元, at most four
decimals) for money, keyed ``(row, column)``. Deliberate identity failures are applied afterwards by
:func:`break_culprit` and :func:`break_review_total`, which return the changed cell.
"""

from __future__ import annotations

import random
from decimal import Decimal

Values = dict[tuple[str, str], int | Decimal]

APPLICANTS: tuple[str, ...] = (
    "natural_person", "commercial_enterprise", "research_institution",
    "public_interest_org", "legal_service_org", "other_org",
)
REQUEST_COLUMNS: tuple[str, ...] = (*APPLICANTS, "total")
DENIED: tuple[str, ...] = (
    "denied_state_secret", "denied_law_prohibited", "denied_security_stability", "denied_third_party_rights",
    "denied_internal_affairs", "denied_process_info", "denied_enforcement_file", "denied_admin_query",
)
UNABLE: tuple[str, ...] = ("unable_not_held", "unable_needs_creation", "unable_unclear")
NOT_PROCESSED: tuple[str, ...] = (
    "not_processed_petition", "not_processed_duplicate", "not_processed_publication",
    "not_processed_excessive", "not_processed_confirmation",
)
OTHER_SPLIT: tuple[str, ...] = ("other_no_correction", "other_fee_unpaid", "other_other")
H1_ROWS: tuple[str, ...] = ("new_received", "carried_over", "total_processed", "carried_forward")

# Relative frequency of each outcome among processed requests.
RESULT_WEIGHTS: dict[str, float] = {
    "granted": 45, "partially_granted": 8,
    "denied_state_secret": 0.3, "denied_law_prohibited": 0.5, "denied_security_stability": 0.3,
    "denied_third_party_rights": 1.5, "denied_internal_affairs": 1.5, "denied_process_info": 2.5,
    "denied_enforcement_file": 1, "denied_admin_query": 1,
    "unable_not_held": 18, "unable_needs_creation": 3, "unable_unclear": 2,
    "not_processed_petition": 3, "not_processed_duplicate": 2, "not_processed_publication": 0.5,
    "not_processed_excessive": 0.5, "not_processed_confirmation": 1,
    "other": 4, "other_no_correction": 2, "other_fee_unpaid": 0.3, "other_other": 2,
}
# Share of requests by applicant (natural persons dominate).
APPLICANT_WEIGHTS: dict[str, float] = {
    "natural_person": 80, "commercial_enterprise": 10, "research_institution": 0.5,
    "public_interest_org": 0.8, "legal_service_org": 5, "other_org": 3.7,
}
REVIEW_ROWS: tuple[str, ...] = ("admin_review", "litigation_direct", "litigation_after_review")
REVIEW_COLUMNS: tuple[str, ...] = ("upheld", "corrected", "other_result", "pending", "total")


def result_rows(version: str, other_one_row: bool) -> tuple[str, ...]:
    """The result rows of table 三 that carry numbers, in printed order."""
    other = ("other",) if version == "2019" or other_one_row else OTHER_SPLIT
    return ("granted", "partially_granted", *DENIED, *UNABLE, *NOT_PROCESSED, *other)


def request_rows(version: str, other_one_row: bool) -> tuple[str, ...]:
    """Every numbered row of table 三 in printed order."""
    return (
        "new_received", "carried_over", *result_rows(version, other_one_row),
        "total_processed", "carried_forward",
    )


def _spread(rng: random.Random, total: int, weights: dict[str, float], keys: tuple[str, ...]) -> dict[str, int]:
    counts = dict.fromkeys(keys, 0)
    if total:
        for key in rng.choices(keys, weights=[weights[k] for k in keys], k=total):
            counts[key] += 1
    return counts


def draw_requests(rng: random.Random, version: str, other_one_row: bool) -> Values:
    """Table 三 with H1, H2 and H3 holding in every row and column."""
    volume = rng.choices([0, rng.randint(1, 6), rng.randint(7, 40), rng.randint(41, 400)], [2, 4, 3, 1])[0]
    by_applicant = _spread(rng, volume, APPLICANT_WEIGHTS, APPLICANTS)
    results = result_rows(version, other_one_row)
    values: Values = {}
    for col in APPLICANTS:
        processed = by_applicant[col]
        spread = _spread(rng, processed, RESULT_WEIGHTS, results)
        carried_forward = rng.randint(0, max(0, processed // 8)) if processed else 0
        carried_over = rng.randint(0, max(0, processed // 10)) if processed and rng.random() < 0.5 else 0
        for row, n in spread.items():
            values[(row, col)] = n
        values[("total_processed", col)] = processed
        values[("carried_forward", col)] = carried_forward
        values[("carried_over", col)] = carried_over
        values[("new_received", col)] = processed + carried_forward - carried_over
    for row in request_rows(version, other_one_row):
        values[(row, "total")] = sum(int(values[(row, c)]) for c in APPLICANTS)
    return values


def _money(rng: random.Random, high: int) -> Decimal:
    places = rng.choice([2, 2, 3, 4])
    units = rng.randint(1, high * 10**places)
    return Decimal(units).scaleb(-places)


def _zero_or(rng: random.Random, p_zero: float, low: int, high: int) -> int:
    return 0 if rng.random() < p_zero else rng.randint(low, high)


def _signed_change(rng: random.Random) -> int:
    return rng.choice([0, 0, rng.randint(1, 40), -rng.randint(1, 60), -rng.randint(100, 1300)])


def draw_active_2019(rng: random.Random, rule_making: bool) -> Values:
    v: Values = {}
    made = _zero_or(rng, 0.5, 1, 4) if rule_making else 0
    v |= {("regulations", "newly_made"): made, ("regulations", "newly_published"): made,
          ("regulations", "total_published"): rng.randint(made, 60) if rule_making else 0}
    made = _zero_or(rng, 0.3, 1, 18)
    v |= {("normative_documents", "newly_made"): made,
          ("normative_documents", "newly_published"): made - (rng.randint(0, made) if rng.random() < 0.2 else 0),
          ("normative_documents", "total_published"): made + _zero_or(rng, 0.2, 3, 250)}
    for row, last_high, dec_high in (("licensing", 400, 6000), ("other_services", 120, 900),
                                      ("penalties", 600, 3000), ("coercion", 60, 150)):
        last = _zero_or(rng, 0.35, 1, last_high)
        change = max(-last, _signed_change(rng)) if last else _zero_or(rng, 0.7, 1, 20)
        v |= {(row, "items_last_year"): last, (row, "items_change"): change,
              (row, "decisions"): _zero_or(rng, 0.4, 1, dec_high)}
    last = _zero_or(rng, 0.5, 1, 25)
    v |= {("fees", "items_last_year"): last, ("fees", "items_change"): -rng.randint(0, last) if last else 0}
    items = _zero_or(rng, 0.4, 1, 60)
    v |= {("procurement", "procurement_items"): items,
          ("procurement", "procurement_amount"): _money(rng, 3000) if items else Decimal(0)}
    return v


def draw_active_2021(rng: random.Random, rule_making: bool) -> Values:
    v: Values = {}
    issued = _zero_or(rng, 0.5, 1, 4) if rule_making else 0
    v |= {("regulations", "issued"): issued,
          ("regulations", "repealed"): _zero_or(rng, 0.7, 1, 3) if rule_making else 0,
          ("regulations", "in_force"): rng.randint(issued, 90) if rule_making else 0}
    issued = _zero_or(rng, 0.3, 1, 20)
    v |= {("normative_documents", "issued"): issued,
          ("normative_documents", "repealed"): _zero_or(rng, 0.5, 1, 12),
          ("normative_documents", "in_force"): issued + _zero_or(rng, 0.15, 3, 300)}
    for row, high in (("licensing", 8000), ("penalties", 3000), ("coercion", 120)):
        v[(row, "decisions")] = _zero_or(rng, 0.35, 1, high)
    v[("fees", "fee_amount")] = _money(rng, 2000) if rng.random() < 0.4 else Decimal(0)
    return v


def draw_review(rng: random.Random) -> Values:
    v: Values = {}
    for row in REVIEW_ROWS:
        n = rng.choices([0, rng.randint(1, 3), rng.randint(4, 12)], [6, 3, 1])[0]
        parts = _spread(rng, n, {"upheld": 6, "corrected": 1, "other_result": 1.5, "pending": 2},
                        ("upheld", "corrected", "other_result", "pending"))
        for col, k in parts.items():
            v[(row, col)] = k
        v[(row, "total")] = n
    return v


def break_culprit(rng: random.Random, values: Values, rows: tuple[str, ...]) -> tuple[Values, tuple[str, str]]:
    """Change one cell of table 三 so that exactly one row check (H3) and one column check (H1 or H2) fail."""
    candidates = [r for r in rows if r != "total_processed"]
    row = rng.choice(candidates)
    col = rng.choice(REQUEST_COLUMNS)
    old = int(values[(row, col)])
    delta = rng.choice([1, 1, 2, 3, 5, 10])
    new = old - delta if old >= delta and rng.random() < 0.4 else old + delta
    changed = dict(values)
    changed[(row, col)] = new
    return changed, (row, col)


def break_review_total(rng: random.Random, values: Values) -> tuple[Values, str]:
    """Make one proceeding's total disagree with its parts (H4), with no culprit cell named."""
    row = rng.choice(REVIEW_ROWS)
    changed = dict(values)
    changed[(row, "total")] = int(values[(row, "total")]) + rng.choice([1, 1, 2])
    return changed, row
