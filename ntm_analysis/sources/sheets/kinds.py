"""The kinds of table a sheet may hold, described as data.

Each `Kind` says which header wordings it reads (`headers`), which fields a header must have
for the sheet to be taken for it, the measures its rows carry, the orderings those measures
must keep (total ≥ NTM ≥ advanced ≥ model; completed ≤ planned), the sum rule of its money
columns and the plausibility limit of an amount per area level. The handler of each kind
(`ingest.HANDLERS`) reads its rules from here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ntm_analysis.sources.sheets import headers
from ntm_analysis.sources.sheets.headers import HeaderWords
from ntm_analysis.sources.sheets.messages import Both

# An amount above this for one row (area × source × period) is taken for a unit mistake.
ABSURD_VND = {"commune": 10**12, "district": 10**13, "province": 10**14}


@dataclass(frozen=True)
class Measure:
    """A numeric column: header key, data-model measure and unit, how it is read and named.

    ``read`` is ``count`` (whole, not negative), ``number`` (not negative, at most
    ``maximum``) or ``amount`` (money in the sheet's unit, stored in đồng).
    """

    key: str
    measure: str
    unit: str
    label: Both
    read: str
    maximum: int | None = None
    above: str = ""  # message key when above ``maximum``; {value} is the number as written
    summed: bool = True  # a summary row gives its sum


@dataclass(frozen=True)
class Ordering:
    """Measures that never increase along ``chain`` (compared pairwise where given).

    ``message`` is a message key; its template may use {lo_label}, {lo}, {hi_label}, {hi}.
    """

    chain: tuple[str, ...]
    message: str


@dataclass(frozen=True)
class PartsWithinTotal:
    """Money columns whose sum may not exceed the ``total`` column; a part of a budget
    ("central_investment") is left out where its budget's own column ("central") is
    counted (`vocabulary.funding_whole`)."""

    total: str


@dataclass(frozen=True)
class Kind:
    """One kind of table: header wordings, what makes a header this kind, and its rules.

    A header is taken for the kind when, for every group of ``requires``, one alternative
    (a tuple of field names, all present) is met, no field of ``excludes`` is present and
    each ``at_least`` field occurs that often; a field of ``stated_fields`` that the title
    above the header states counts as present. Its score is the number of fields read
    plus ``bonus``.
    """

    name: str
    table: str
    headers: tuple[HeaderWords, ...]
    requires: tuple[tuple[tuple[str, ...], ...], ...]
    excludes: tuple[str, ...] = ()
    at_least: tuple[tuple[str, int], ...] = ()
    bonus: int = 3
    measure_field: str = ""  # header fields "<measure_field>:<measure key>" hold measures
    measures: tuple[Measure, ...] = ()
    orderings: tuple[Ordering, ...] = ()
    parts_within_total: PartsWithinTotal | None = None
    money_limits: dict[str, int] = field(default_factory=dict)
    unique_rows: str = ""  # facts: rows may not repeat an area and year ("" = may)
    note_column: str = ""  # facts: a text column whose value goes into each record's note
    note_format: str = ""  # how that value is written in the note
    empty_row: str = ""  # message key: the reason for a row with no value at all
    stated_fields: tuple[str, ...] = ()  # fields a title may state instead of a column

    def score(self, fields: dict[int, str], stated: tuple[str, ...] = ()) -> int:
        """How well a header's ``fields`` (column → field) fit this kind, with the fields
        the title above it ``stated``; 0 = not at all."""
        values = list(fields.values())
        # a criterion named without its number counts as a criterion column
        counts = Counter(v.split(":")[0].replace("criterion_name", "criterion") for v in values)
        names = set(counts) | (set(stated) & set(self.stated_fields))
        if any(counts[name] < k for name, k in self.at_least) or names & set(self.excludes):
            return 0
        if not all(any(set(alt) <= names for alt in group) for group in self.requires):
            return 0
        return len([v for v in values if v not in ("stt", "note")]) + self.bonus

    def measure(self, key: str) -> Measure:
        """The measure of header key ``key``."""
        return next(m for m in self.measures if m.key == key)


_COUNT_ORDER = "order_exceeds"
_WORKS_ORDER = "works_exceed"


def _counted(key: str, label: str, label_vi: str) -> Measure:
    return Measure(key, key, "communes", Both(label, label_vi), "count")


def _works(key: str, read: str, label_vi: str) -> Measure:
    return Measure(key, key, "works", Both(key.replace("_", " "), label_vi), read)


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind(
            "criteria_status",
            "criteria_status",
            headers=(
                headers.criterion_column,
                headers.COMMON,
                headers.SCORE,
                headers.AREA,
                headers.UNIT_NAME,
            ),
            requires=((("commune",),),),
            at_least=(("criterion", 3),),
            bonus=5,
        ),
        Kind(
            "commune_tiers",
            "commune_status",
            headers=(
                headers.COMMON,
                headers.SCORE,
                headers.tier_year_column,
                headers.TIERS,
                headers.AREA,
                headers.UNIT_NAME,
            ),
            requires=(
                (("commune",),),
                (("tier",), ("yearcol",), ("criteria_met",), ("decision",), ("tier_year",)),
            ),
            # a list titled "Danh sách xã đạt chuẩn NTM nâng cao năm 2023" needs no tier column
            stated_fields=("tier",),
        ),
        Kind(
            "area_counts",
            "facts",
            headers=(
                headers.COMMON,
                headers.COUNT_TOTAL,
                headers.count_column,
                headers.AREA,
                headers.AREA_UNIT,
            ),
            requires=((("count",),), (("province",), ("district",), ("area_unit",))),
            excludes=("commune",),
            measure_field="count",
            measures=(
                _counted("communes_total", "total communes", "tổng số xã"),
                _counted("communes_ntm", "NTM communes", "số xã đạt chuẩn NTM"),
                _counted("communes_advanced", "advanced communes", "số xã NTM nâng cao"),
                _counted("communes_model", "model communes", "số xã NTM kiểu mẫu"),
            ),
            orderings=(
                Ordering(
                    ("communes_total", "communes_ntm", "communes_advanced", "communes_model"),
                    _COUNT_ORDER,
                ),
            ),
            unique_rows="area and year",
            empty_row="empty_counts",
        ),
        Kind(
            "funding",
            "funding",
            headers=(
                headers.COMMON,
                headers.category_column,
                headers.YEAR_AMOUNT,
                headers.MONEY_LONG,
                headers.AREA,
                headers.AREA_UNIT,
            ),
            requires=(
                (("category",), ("source_category", "amount"), ("year_amount",)),
                (("province",), ("district",), ("commune",), ("area_unit",)),
            ),
            parts_within_total=PartsWithinTotal("total"),
            money_limits=ABSURD_VND,
            empty_row="empty_amounts",
        ),
        Kind(
            "works",
            "facts",
            headers=(headers.COMMON, headers.WORKS, headers.AREA, headers.AREA_UNIT),
            requires=((("works_type",),), (("works",),)),
            measure_field="works",
            measures=(
                _works("works_planned", "count", "số công trình kế hoạch"),
                _works("works_completed", "count", "số công trình hoàn thành"),
                _works("works_in_progress", "count", "số công trình đang thi công"),
                Measure(
                    "progress_pct",
                    "works_progress_pct",
                    "pct",
                    Both("works progress pct", "tiến độ (%)"),
                    "number",
                    maximum=100,
                    above="progress_above",
                    summed=False,
                ),
                Measure(
                    "length_km",
                    "works_length_km",
                    "km",
                    Both("works length km", "chiều dài (km)"),
                    "number",
                ),
                Measure(
                    "value", "works_value_vnd", "vnd", Both("works value", "giá trị"), "amount"
                ),
            ),
            orderings=(
                Ordering(("works_planned", "works_completed"), _WORKS_ORDER),
                Ordering(("works_planned", "works_in_progress"), _WORKS_ORDER),
            ),
            money_limits=ABSURD_VND,
            note_column="works_type",
            note_format="works type: {}",
            empty_row="empty_figures",
        ),
    )
}
