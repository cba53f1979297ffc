"""`ntm extract`: figures stated in NTM report texts → one JSON object (or CSV row) per fact.

Reads .txt/.md, .docx and PDFs with a text layer, clean or OCR-damaged Vietnamese. Owns the
output contract below; parsing of numbers is `numbers`, names are corrected against the
gazetteer through `matching`, criteria through `criteria`.

Modules, in reading order: `reading` (files → numbered lines), `sentences`, `context`
(sections, year, place, plan), `document` (one document → facts; `extract_file`,
`extract_lines`), `command` (``ntm extract``). A `sentence_view.SentenceView` is handed to one
reader per fact kind: `counts`, `recognitions`, `scores`, `statuses`, `money`, `percents`
(and `tablerows` for table rows). They share `clauses`, `areas`, `targets`, the words of
`terms` (the vocabulary's, compiled OCR-tolerant by `folding`) and `names`; facts are the
dataclasses of `facts`, written by `writers`. `evaluate` scores the seeds.

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
  culture, …).
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
* ``percent``: ``measure`` (snake_case: poverty_rate, rural_poverty_rate,
  clean_water_households, health_insurance_coverage, schools_national_standard, forest_cover,
  construction_progress, works_completed, …; a rate not in that list, "tỷ lệ <name> đạt N%",
  is keyed by its folded name, e.g. ``ho_dung_khi_sinh_hoc``, at confidence 0.6), ``value``,
  ``qualifier``, area, ``year``.

Table rows ("| Huyện | Số xã đạt chuẩn NTM | Tỷ lệ |" then one row per district) give a
``tier_count`` per row whose first cell is a district of the document's province; under a
money header ("Kinh phí (triệu đồng)") a ``funding`` per source row; other rows are read as
text (`tablerows`).

CSV output has one row per fact with the union of these columns: lists joined by ``|`` (an
empty list as ``[]``), booleans as ``true``/``false``, null as an empty cell.
"""
