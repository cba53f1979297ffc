"""Commune spreadsheets in (`ntm check`, `ntm ingest`), one concern per module, lowest first:

`grids` (files → cell grids), `headers` (header wordings), `kinds` (the kinds of table and
their rules, as data), `layout` (header rows, note rows, title block), `cells` (one cell
read exactly), `results` (problems, accounting, options), `sheet` (one sheet's rows,
statements and rejects), `areas` (communes, districts and provinces of the rows), one
handler per kind (`criteria_status`, `commune_tiers`, `area_facts`, `funding`), `ingest`
(the run), `outputs` (writing tables and rejects) and `command` (the two subcommands).
"""
