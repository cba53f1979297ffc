"""The kinds of fact `ntm extract` reads, one frozen dataclass each, and their output record.

Every fact shares `Fact`'s fields (where it was read, how sure, plan or achievement); each
kind adds its own. The dataclass fields are declared in the order of the JSON-lines contract
(see `ntm_analysis.sources.reports`), so `Fact.record` writes exactly that contract: fields
marked ``private`` steer the reader and resolver but are never written, ``page`` and a few
kind-specific fields are written only when present.

>>> f = Percent(line=3, text="hộ nghèo còn 3,15%", is_target=False, measure="poverty_rate",
...             value=3.15, qualifier="exact", year=2022)
>>> f.record("r.txt")  # doctest: +NORMALIZE_WHITESPACE
{'source': 'r.txt', 'kind': 'percent', 'line': 3, 'text': 'hộ nghèo còn 3,15%',
 'confidence': 0.9, 'is_target': False, 'measure': 'poverty_rate', 'value': 3.15,
 'qualifier': 'exact', 'year': 2022, 'area': None, 'area_level': None, 'area_code': None,
 'admin_vintage': None}
"""

from __future__ import annotations

import dataclasses as dc
from dataclasses import dataclass
from functools import cache
from typing import Any, ClassVar

from ntm_analysis.sources.reports.names import Unit

# How a field reaches the output record.
PRIVATE = {"output": "never"}  # for the reader and resolver only
UNLESS_NONE = {"output": "unless_none"}  # left out when None
WITH_COMMUNE = {"output": "with_commune"}  # only when the fact names a commune

# The package's commune criteria sets, and the contract's names for them.
CRITERIA_SETS = ("commune_ntm_2021_2025", "commune_advanced_2021_2025")
OUTPUT_SET = {
    "commune_ntm_2021_2025": "commune_ntm",
    "commune_advanced_2021_2025": "commune_advanced",
}


@dataclass(frozen=True, kw_only=True, slots=True)
class Fact:
    """What every fact states: where it was read, how sure the reader is, plan or result."""

    kind: ClassVar[str] = ""
    line: int
    page: int | None = dc.field(default=None, metadata=UNLESS_NONE)
    text: str
    confidence: float = 0.9
    is_target: bool
    start: int = dc.field(default=0, metadata=PRIVATE)  # offset in its sentence: reading order
    sentence: str = dc.field(default="", metadata=PRIVATE)  # the sentence it was read from

    def record(self, source: str) -> dict[str, Any]:
        """The fact as one JSON-lines object of the contract, ``source`` first."""
        out: dict[str, Any] = {"source": source, "kind": self.kind}
        for name, rule in _output_fields(type(self)):
            value = getattr(self, name)
            if rule == "unless_none" and value is None:
                continue
            if rule == "with_commune" and not getattr(self, "commune", None):
                continue
            out[name] = list(value) if isinstance(value, tuple) else value
        return out


@cache
def _output_fields(cls: type[Fact]) -> tuple[tuple[str, str], ...]:
    return tuple(
        (f.name, f.metadata.get("output", "always"))
        for f in dc.fields(cls)
        if f.metadata.get("output") != "never"
    )


def area_fields(unit: Unit | None) -> dict[str, str | None]:
    """The four area fields of a fact about ``unit`` (all None when it is unknown)."""
    if unit is None:
        return {"area": None, "area_level": None, "area_code": None, "admin_vintage": None}
    return {
        "area": unit.name,
        "area_level": unit.level,
        "area_code": unit.code,
        "admin_vintage": unit.vintage or None,  # the country has no code of a vintage
    }


# ---------------------------------------------------------------------------- counts


@dataclass(frozen=True, kw_only=True, slots=True)
class TierCount(Fact):
    """A stock: units of a level at a tier ("154/182 xã đạt chuẩn NTM, chiếm 84,6%")."""

    kind: ClassVar[str] = "tier_count"
    unit_level: str
    tier: str | None
    count: int | float | None
    total: int | float | None = None
    pct: int | float | None = None
    pct_qualifier: str | None = dc.field(default=None, metadata=UNLESS_NONE)  # "gần 73%"
    year: int | None = None
    as_of: str | None = dc.field(default=None, metadata=UNLESS_NONE)  # "tính đến ngày …"
    area: str | None = None
    area_level: str | None = None
    area_code: str | None = None
    admin_vintage: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class RecognisedCount(Fact):
    """A flow: units newly recognised at a tier ("công nhận thêm 21 xã NTM nâng cao")."""

    kind: ClassVar[str] = "recognised_count"
    unit_level: str
    tier: str | None
    count: int
    year: int | None = None
    as_of: str | None = dc.field(default=None, metadata=UNLESS_NONE)  # "tính đến ngày …"
    decision: str | None = None
    area: str | None = None
    area_level: str | None = None
    area_code: str | None = None
    admin_vintage: str | None = None


# ---------------------------------------------------------------------------- named units


@dataclass(frozen=True, kw_only=True, slots=True)
class RecognisedUnit(Fact):
    """A named unit recognised at (or aiming at) a tier; see the three kinds below."""

    level: ClassVar[str] = ""

    @property
    def name(self) -> str:
        """The unit's name (its field is named after its level)."""
        return getattr(self, self.level)


@dataclass(frozen=True, kw_only=True, slots=True)
class RecognisedCommune(RecognisedUnit):
    """ "Xã Gio An đạt chuẩn NTM kiểu mẫu về giáo dục" (``field`` for model communes)."""

    kind: ClassVar[str] = "recognised_commune"
    level: ClassVar[str] = "commune"
    commune: str
    tier: str
    year: int | None = None
    field: str | None = None
    field_key: str | None = None
    decision: str | None = dc.field(default=None, metadata=UNLESS_NONE)
    code: str | None = None
    admin_vintage: str | None = None
    within: Unit | None = dc.field(default=None, metadata=PRIVATE)  # district to resolve in


@dataclass(frozen=True, kw_only=True, slots=True)
class RecognisedVillage(RecognisedUnit):
    """ "Thôn Nà Pàn đạt chuẩn NTM" (villages are not in the gazetteer: code stays None)."""

    kind: ClassVar[str] = "recognised_village"
    level: ClassVar[str] = "village"
    village: str
    tier: str
    year: int | None = None
    field: str | None = None
    field_key: str | None = None
    decision: str | None = dc.field(default=None, metadata=UNLESS_NONE)
    code: str | None = None
    admin_vintage: str | None = None
    within: Unit | None = dc.field(default=None, metadata=PRIVATE)


@dataclass(frozen=True, kw_only=True, slots=True)
class RecognisedDistrict(RecognisedUnit):
    """ "Huyện Cam Lộ đạt chuẩn NTM năm 2022"."""

    kind: ClassVar[str] = "recognised_district"
    level: ClassVar[str] = "district"
    district: str
    tier: str
    year: int | None = None
    code: str | None = None
    admin_vintage: str | None = None
    resolved: bool = dc.field(default=False, metadata=PRIVATE)  # name and code already known


# ---------------------------------------------------------------------------- criteria


@dataclass(frozen=True, kw_only=True, slots=True)
class AverageCriteria(Fact):
    """Criteria met per commune on average ("bình quân đạt 16,8 tiêu chí/xã"); ``scope`` when
    it is the average of a group of communes the text names, not of its area."""

    kind: ClassVar[str] = "avg_criteria"
    value: int | float
    scope: str | None = dc.field(default=None, metadata=UNLESS_NONE)  # a group, not the area
    year: int | None = None
    as_of: str | None = dc.field(default=None, metadata=UNLESS_NONE)  # "tính đến ngày …"
    area: str | None = None
    area_level: str | None = None
    area_code: str | None = None
    admin_vintage: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class CriteriaCount(Fact):
    """One unit's score ("đạt 17/19 tiêu chí"); a group of villages has ``scope`` instead."""

    kind: ClassVar[str] = "criteria_count"
    commune: str | None
    met: int
    of: int
    criteria_set: str | None = None
    scope: str | None = dc.field(default=None, metadata=UNLESS_NONE)
    unit_level: str | None = dc.field(default=None, metadata=UNLESS_NONE)
    year: int | None = None
    code: str | None = dc.field(default=None, metadata=WITH_COMMUNE)
    admin_vintage: str | None = dc.field(default=None, metadata=WITH_COMMUNE)
    within: Unit | None = dc.field(default=None, metadata=PRIVATE)


@dataclass(frozen=True, kw_only=True, slots=True)
class CriteriaBandCount(Fact):
    """Communes whose score lies in a band ("06 xã đạt 15-18 tiêu chí (A, B, …)")."""

    kind: ClassVar[str] = "criteria_band_count"
    count: int
    min_met: int
    max_met: int
    of: int | None = None
    communes: tuple[str, ...] = ()
    year: int | None = None
    as_of: str | None = dc.field(default=None, metadata=UNLESS_NONE)  # "tính đến ngày …"
    area: str | None = None
    area_level: str | None = None
    area_code: str | None = None
    admin_vintage: str | None = None
    commune_codes: tuple[str | None, ...] | None = dc.field(default=None, metadata=UNLESS_NONE)
    within: Unit | None = dc.field(default=None, metadata=PRIVATE)


@dataclass(frozen=True, kw_only=True, slots=True)
class CriteriaStatus(Fact):
    """One criterion of one commune: met, not met or difficult."""

    kind: ClassVar[str] = "criteria_status"
    commune: str | None
    criteria_set: str | None
    criterion_no: int | None
    criterion_name: str
    status: str
    year: int | None = None
    code: str | None = dc.field(default=None, metadata=WITH_COMMUNE)
    admin_vintage: str | None = dc.field(default=None, metadata=WITH_COMMUNE)
    within: Unit | None = dc.field(default=None, metadata=PRIVATE)


# ---------------------------------------------------------------------------- money, rates


@dataclass(frozen=True, kw_only=True, slots=True)
class Funding(Fact):
    """An amount of money and the source it comes from."""

    kind: ClassVar[str] = "funding"
    source_category: str
    amount_vnd: int
    qualifier: str = "exact"
    budget_type: str | None = None
    flow: str | None = None
    period: str | None = None
    per_commune: bool = False
    area: str | None = None
    area_level: str | None = None
    area_code: str | None = None
    admin_vintage: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class MoneyPerPerson(Fact):
    """Money per person: income per head per year or month ("58,2 triệu đồng/người/năm")."""

    kind: ClassVar[str] = "money_per_person"
    measure: str
    amount_vnd: int
    per: str = "year"
    qualifier: str = "exact"
    year: int | None = None
    as_of: str | None = dc.field(default=None, metadata=UNLESS_NONE)  # "tính đến ngày …"
    area: str | None = None
    area_level: str | None = None
    area_code: str | None = None
    admin_vintage: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Percent(Fact):
    """A percentage of a named indicator ("tỷ lệ hộ nghèo còn 3,15%")."""

    kind: ClassVar[str] = "percent"
    measure: str
    value: int | float
    qualifier: str = "exact"
    year: int | None = None
    as_of: str | None = dc.field(default=None, metadata=UNLESS_NONE)  # "tính đến ngày …"
    area: str | None = None
    area_level: str | None = None
    area_code: str | None = None
    admin_vintage: str | None = None
