"""Print checks on saved figures: the text boxes of an SVG and the pairs that overlap.

Matplotlib writes SVG text as ``<text>`` elements (``svg.fonttype: none``) with a font size, an
anchor and a position (``x``/``y`` or a ``translate``, with a rotation). Each box is measured
again here with matplotlib's own text metrics for the house font, turned by its rotation, and
every pair of boxes is compared: two labels that share more than a sliver of area overlap on
the printed page. Lines of one multi-line text (one ``<g>``) are not compared with each other,
nor is the watermark of `charts.mark_assumption`.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath
from shapely.geometry import Polygon

SVG = "{http://www.w3.org/2000/svg}"
IGNORED_GROUPS = ("assumption-mark",)
_TRANSLATE = re.compile(r"translate\(\s*([-\d.e]+)[\s,]+([-\d.e]+)\s*\)")
_ROTATE = re.compile(r"rotate\(\s*([-\d.e]+)")
_MEASURE = TextToPath()


@dataclass(frozen=True)
class Box:
    """One text element: its string, its outline on the page (points) and its group."""

    text: str
    shape: Polygon
    group: str


def _style(el: ET.Element) -> dict[str, str]:
    pairs = (p.split(":", 1) for p in (el.get("style") or "").split(";") if ":" in p)
    return {k.strip(): v.strip() for k, v in pairs}


@cache
def _size(text: str, family: str, size: float, weight: str) -> tuple[float, float, float]:
    prop = FontProperties(family=family, size=size, weight=weight)
    return _MEASURE.get_text_width_height_descent(text, prop, ismath=False)


def _box(el: ET.Element, group: str) -> Box | None:
    text = "".join(el.itertext())
    if not text.strip():
        return None
    style = _style(el)
    size = float(style.get("font-size", "10px").removesuffix("px"))
    family = style.get("font-family", "DejaVu Sans").split(",")[0].strip("'\" ")
    weight = style.get("font-weight", "normal")
    w, h, d = _size(text, family, size, weight)
    transform = el.get("transform", "")
    moved = _TRANSLATE.search(transform)
    x, y = (
        (float(moved.group(1)), float(moved.group(2)))
        if moved
        else (float(el.get("x", 0)), float(el.get("y", 0)))
    )
    turned = _ROTATE.search(transform)
    angle = math.radians(float(turned.group(1))) if turned else 0.0
    dx = {"middle": -w / 2, "end": -w}.get(style.get("text-anchor", "start"), 0.0)
    corners = [(dx, d), (dx + w, d), (dx + w, d - h), (dx, d - h)]  # SVG y grows downwards
    cos, sin = math.cos(angle), math.sin(angle)
    points = [(x + cx * cos - cy * sin, y + cx * sin + cy * cos) for cx, cy in corners]
    return Box(text, Polygon(points), group)


def text_boxes(svg: str | Path) -> list[Box]:
    """Every text box of a saved SVG figure."""
    root = ET.parse(svg).getroot()
    out: list[Box] = []

    def walk(node: ET.Element, group: str) -> None:
        for child in node:
            gid = child.get("id", group) if child.tag == f"{SVG}g" else group
            if child.tag == f"{SVG}text":
                box = _box(child, group)
                if box:
                    out.append(box)
            else:
                walk(child, gid)

    walk(root, "")
    return [b for b in out if not b.group.startswith(IGNORED_GROUPS)]


def overlaps(svg: str | Path, min_area: float = 1.0) -> list[tuple[str, str]]:
    """Pairs of texts of a saved SVG figure whose boxes share more than ``min_area`` pt²."""
    boxes = text_boxes(svg)
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if a.group == b.group and a.group:
                continue
            if a.shape.intersects(b.shape) and a.shape.intersection(b.shape).area > min_area:
                found.append((a.text, b.text))
    return found


def check_folder(folder: str | Path) -> dict[str, list[tuple[str, str]]]:
    """Overlapping texts of every SVG figure in ``folder`` (empty dict when none overlap)."""
    out = {}
    for svg in sorted(Path(folder).glob("*.svg")):
        found = overlaps(svg)
        if found:
            out[svg.name] = found
    return out
