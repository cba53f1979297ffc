"""Commune status maps: an offline HTML map, a print map and the ``ntm map`` command.

Modules, in the order a map is made:

* `status_layer`: every commune-level unit of an area at its point (or cell, or boundary)
  with its status from `analysis.status`; units without any record are "no data", kept.
* `classes`: the classes drawn (tiers and criteria bands), their colours, labels and the
  map's texts in Vietnamese and English.
* `html_map`: the folium map: a layer per class, region outlines, legend, popups.
* `offline`: the map as one self-contained HTML file (Leaflet inlined, nothing fetched).
* `print_map`: the static matplotlib map for reports.
* `command`: ``ntm map``.
"""
