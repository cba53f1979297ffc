"""`ntm extract`: figures stated in NTM report texts → one JSON object (or CSV row) per fact.

Reads .txt/.md, .docx and PDFs with a text layer, clean or OCR-damaged Vietnamese. Owns the
output contract below; parsing of numbers is `numbers`, names are corrected against the
gazetteer through `matching`, criteria through `criteria`.

Modules, in reading order: `reading` (files → numbered lines), `sentences`, `context`
(sections, year, place, plan), `document` (one document → facts; `extract_file`,
`extract_lines`), `command` (``ntm extract``). A `sentence_view.SentenceView` is handed to one
reader per fact kind: `recognitions`, `counts`, `scores`, `bands`, `statuses`, `incomes`,
`money`, `percents` (and `tablerows` for table rows). They share `lists` (lists of names),
`clauses`, `areas`, `targets`, the words of `terms` (the vocabulary's, compiled OCR-tolerant
by `folding`) and `names`; facts are the dataclasses of `facts`, written by `writers` (JSON
lines, CSV) or `review` (a workbook to review) and turned into data-model rows by `to_raw`.
`evaluate` scores the seeds, `corpus` the team's development corpus.

The JSON-lines contract (schema: ``ntm_analysis/data/extract_fact.schema.json``)
-----------------------------------------------------------------------------------
Every line is one fact with these fields:

* ``source`` (str): the file path as given; ``line`` (int, 1-based): line of the fact's first
  character (for .docx the paragraph number, table rows counted as paragraphs; for PDF the
  running line over all pages, plus ``page``); ``kind`` (str, below); ``text`` (str): the
  matched span of the original text, OCR damage included; ``confidence`` (0–1);
  ``is_target`` (bool): the sentence states a plan, target or registration ("phấn đấu",
  "kế hoạch", "mục tiêu", "đăng ký", "hồ sơ đề nghị") rather than an achievement.
* Places: ``area``/``area_level``/``area_code`` name the unit a figure is about; ``commune``,
  ``district``, ``village`` are corrected names without the type word; ``code`` is the
  gazetteer code of that unit and ``admin_vintage`` (``legacy`` | ``2025``) the set of units
  the code belongs to (null when the name could not be matched). ``year`` (int|null) is the
  year the figure refers to (stated near it, else the section's or the document's year).

Kinds and their fields:

* ``tier_count`` (a stock, "154/182 xã đạt chuẩn NTM, chiếm 84,6%"): ``unit_level``
  (commune|village|district), ``tier`` (ntm|advanced|model|completed|null), ``count``,
  ``total``, ``pct``, area, ``year``.
* ``recognised_count`` (a flow, "công nhận thêm 21 xã đạt chuẩn NTM nâng cao năm 2022"):
  ``unit_level``, ``tier``, ``count``, area, ``year``, ``decision`` (number of the decision, if
  printed).
* ``recognised_commune`` / ``recognised_district`` / ``recognised_village``: ``commune`` |
  ``district`` | ``village``, ``tier``, ``year``, ``code``, ``admin_vintage``; for model
  communes ``field`` (giáo dục, văn hóa, sản xuất, môi trường, du lịch, y tế, an ninh,
  chuyển đổi số) and ``field_key`` (the data dictionary's ``model_field`` key: education,
  culture, …); for communes and villages ``decision`` when the recognising decision is
  printed. Names come from lists read as a structure (`lists`: "gồm: A, B (huyện C); D –
  huyện E", "A, B thuộc huyện C", bullets under a ":"), each with the tier, year, decision
  and field of its own clause; a commune attached to a district is looked up in it. A
  district is recognised only when a verb says so of it.
* ``avg_criteria``: ``value`` (criteria met per commune), area, ``year``.
* ``criteria_count`` (one unit's score, "đạt 17/19 tiêu chí"): ``commune`` (or ``scope`` and
  ``unit_level`` when the text speaks of a group), ``met``, ``of``, ``criteria_set`` (as for
  ``criteria_status``; from the words after the score, "tiêu chí xã NTM nâng cao").
* ``criteria_band_count`` ("06 xã đạt 15-18 tiêu chí"): ``count``, ``min_met``,
  ``max_met``, ``of``, ``communes`` (corrected names, when listed) and ``commune_codes``.
* ``criteria_status``: ``commune``, ``criteria_set`` (``commune_ntm`` | ``commune_advanced``
  — the 2021–2025 basic and advanced commune sets — | null when the text does not tell;
  inferred from the printed number–name pairs, else from the tier the section aims at),
  ``criterion_no`` (as printed; null for criteria named without a number), ``criterion_name``
  (the reference name when the set is known or both sets agree, else as printed), ``status``
  (met|not_met|difficult).
* ``funding``: ``source_category`` (central_investment|central_recurrent|central|provincial|
  district|commune|community|credit|enterprise|other|total), ``amount_vnd`` (int),
  ``qualifier`` (exact|approx|more_than|less_than), ``budget_type`` (investment|recurrent|
  null), ``flow`` (allocated|mobilised|disbursed|planned|null), area, ``period``,
  ``per_commune`` (bool).
* ``money_per_person`` ("thu nhập bình quân đầu người … 58,2 triệu đồng/người/năm"):
  ``measure`` (``income``, or ``rural_income`` for the countryside), ``amount_vnd`` (int),
  ``per`` (year|month), ``qualifier``, area, ``year``.
* ``percent``: ``measure`` (snake_case: poverty_rate, rural_poverty_rate,
  clean_water_households, health_insurance_coverage, schools_national_standard, forest_cover,
  construction_progress, works_completed, …; a rate not in that list, "tỷ lệ <name> đạt N%",
  is keyed by its folded name, e.g. ``ho_dung_khi_sinh_hoc``, at confidence 0.6), ``value``,
  ``qualifier``, area, ``year``.

Table rows (.docx, markdown, tab-separated; any number of columns, TT/STT columns, headers
of up to three rows) give a ``tier_count`` per count column of a district's row, a
``criteria_count`` per commune row with a score, ``recognised_commune`` for names listed in
a count column, a ``funding`` per source row under a money header or a stated unit; other
rows are read as text (`tablerows`).

A year is the one stated in a figure's own clause, else earlier in its sentence, else the
year its block (paragraph) opened with ("Năm 2023, …"), else its section's, else the
document's (the title's "năm 2023" before the date line's); a comparison's base year ("so
với năm 2022") dates nothing. A fact stated again later in the document is written once.

CSV output has one row per fact with the union of these columns: lists joined by ``|`` (an
empty list as ``[]``), booleans as ``true``/``false``, null as an empty cell.
"""
