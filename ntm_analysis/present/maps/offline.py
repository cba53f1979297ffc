"""A folium map as one self-contained HTML file that draws offline.

folium lists the scripts and stylesheets an element needs in ``default_js`` / ``default_css``
(name, CDN address) and writes a tag per entry when the map is rendered. `offline_html`
replaces those lists, element by element, with the packaged copies (``xstatic-leaflet``,
``xstatic-jquery``) inlined in the page head, so nothing is fetched: Leaflet's images travel
as data URIs, and without a tile layer the background is plain. folium's Map also lists
Bootstrap and Awesome Markers, for its marker icons; the status maps draw circle markers and
GeoJSON only, so those are left out. An element asking for any other asset is refused rather
than written with a link that would fail offline.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import folium
from branca.element import Element
from folium.template import Template

from ntm_analysis.lexicon.textnorm import fold

# folium's asset names for which a packaged copy is inlined.
LOCAL_JS = ("leaflet", "jquery")
LOCAL_CSS = ("leaflet_css",)
# folium.Map's other defaults (Bootstrap, Awesome Markers and their fonts), not used here.
UNUSED_MAP_ASSETS = (
    "jquery",
    "bootstrap",
    "awesome_markers",
    "bootstrap_css",
    "glyphicons_css",
    "awesome_markers_font_css",
    "awesome_markers_css",
    "awesome_rotate_css",
)

_CSS_URL = re.compile(r"url\((images/[\w.-]+\.png)\)")
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.M)


@cache
def _asset(name: str) -> str:
    """The packaged copy of one of folium's assets, ready to inline."""
    if name == "jquery":
        from xstatic.pkg import jquery

        code = (Path(jquery.BASE_DIR) / "jquery.min.js").read_text(encoding="utf-8")
        return _SOURCE_MAP.sub("", code)
    from xstatic.pkg import leaflet

    lib = Path(leaflet.BASE_DIR)
    if name == "leaflet":
        return _SOURCE_MAP.sub("", (lib / "leaflet.js").read_text(encoding="utf-8"))

    def inline(match: re.Match) -> str:  # the layer-control and marker images, as data URIs
        data = base64.b64encode((lib / match.group(1)).read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    return _CSS_URL.sub(inline, (lib / "leaflet.css").read_text(encoding="utf-8"))


class _Inline(Element):
    """A script or stylesheet written into the page (not linked)."""

    _template = Template("<{{ this.tag }}>{{ this.code }}</{{ this.tag }}>")

    def __init__(self, tag: str, code: str) -> None:
        super().__init__()
        self._name = "Inline"
        self.tag, self.code = tag, code


def _elements(root: Element) -> Iterator[Element]:
    yield root
    for child in root._children.values():
        yield from _elements(child)


def _wanted_assets(m: folium.Map) -> dict[str, str]:
    """Asset name -> tag of every asset the map's elements list; their lists are emptied.

    Raises:
        ValueError: an element needs an asset that has no packaged copy.
    """
    wanted: dict[str, str] = {}
    for element in _elements(m.get_root()):
        for attr, tag, local in (
            ("default_css", "style", LOCAL_CSS),
            ("default_js", "script", LOCAL_JS),
        ):
            assets = getattr(element, attr, None)
            if not assets:
                continue
            for name, url in assets:
                if element is m and name in UNUSED_MAP_ASSETS:
                    continue
                if name not in local:
                    raise ValueError(
                        f"{type(element).__name__} needs {url}, which has no local copy: "
                        "the map would not draw offline"
                    )
                wanted[name] = tag
            setattr(element, attr, [])  # this element only; folium's class lists stay as they are
    return wanted


def fix_ids(m: folium.Map) -> None:
    """Give every element of the map a fixed id in tree order, in place of folium's random
    ones, so that the same map saves to the same bytes (diffable, cacheable, testable)."""
    for i, element in enumerate(_elements(m.get_root())):
        element._id = f"{i:04d}"


_RANDOM_ID = re.compile(r"(?<=_)[0-9a-f]{32}\b")


def _renumber_late_ids(page: str) -> str:
    """Ids of elements created while rendering (after `fix_ids`), renumbered by first use."""
    seen: dict[str, str] = {}
    return _RANDOM_ID.sub(lambda m: seen.setdefault(m.group(0), f"r{len(seen):04d}"), page)


def offline_html(m: folium.Map) -> str:
    """The map as one self-contained HTML page: Leaflet (and jQuery if an element needs it)
    inlined after the charset declaration, no link to any other address; element ids are
    fixed (`fix_ids`), so two saves of the same map are byte-identical."""
    header = m.get_root().header
    names = list(_wanted_assets(m).items())
    for name, tag in names:
        header.add_child(_Inline(tag, _asset(name)), name=name)
    # Right after the charset declaration, ahead of the map's own styles that override them.
    for name, _ in reversed(names):
        header._children.move_to_end(name, last=False)
    if "meta_http" in header._children:
        header._children.move_to_end("meta_http", last=False)
    fix_ids(m)
    return _renumber_late_ids(_unescape_non_ascii(m.get_root().render()))


_JSON_U = re.compile(r"(?<!\\)((?:\\\\)*)\\u([0-9a-fA-F]{4})")


def _unescape_non_ascii(text: str) -> str:
    r"""Write ``\uXXXX`` escapes of non-ASCII letters as the letters (UTF-8 page, JS strings).

    folium's JSON escapes every Vietnamese letter as six bytes; keeping the letters roughly
    halves the page. ASCII escapes (``\u003c`` for "<", which keeps data from closing the
    script), surrogates and line separators stay escaped.

    >>> _unescape_non_ascii(r'"Kh\u00f4ng \u003cb\u003e" "\\u00f4"')
    '"Không \\u003cb\\u003e" "\\\\u00f4"'
    """

    def repl(m: re.Match) -> str:
        code = int(m.group(2), 16)
        if code < 0x80 or 0xD800 <= code <= 0xDFFF or code in (0x2028, 0x2029):
            return m.group(0)
        return m.group(1) + chr(code)

    return _JSON_U.sub(repl, text)


def save_map(m: folium.Map, path: Path | str) -> Path:
    """Write the offline HTML map (UTF-8); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(offline_html(m), encoding="utf-8")
    return path


def slug(text: str) -> str:
    """A file-name slug: "Bắc Sơn" -> "bac-son"."""
    return re.sub(r"[^0-9a-z]+", "-", fold(text)).strip("-") or "map"
