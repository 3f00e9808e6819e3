"""A schematic tile map of Finland's 19 regions as SVG, drawn from the reference region data."""

from __future__ import annotations

from html import escape

from ontology.iris import IriMinter
from ontology.reference import ReferenceData

# (column, row) of each region's tile, by Statistics Finland code: roughly where it lies,
# north at the top. Schematic on purpose; it is no survey map.
TILES: dict[str, tuple[int, int]] = {
    "19": (3, 0),                                   # Lappi
    "17": (3, 1), "18": (4, 1),                     # Pohjois-Pohjanmaa, Kainuu
    "16": (2, 2), "11": (4, 2), "12": (5, 2),       # Keski-Pohjanmaa, Pohjois-Savo, P-Karjala
    # Pohjanmaa, Etelä-Pohjanmaa, Keski-Suomi, Etelä-Savo
    "15": (1, 3), "14": (2, 3), "13": (3, 3), "10": (4, 3),
    # Satakunta, Pirkanmaa, Päijät-Häme, Etelä-Karjala
    "04": (1, 4), "06": (2, 4), "07": (3, 4), "09": (4, 4),
    # Ahvenanmaa, Varsinais-Suomi, Kanta-Häme, Uusimaa, Kymenlaakso
    "21": (0, 5), "02": (1, 5), "05": (2, 5), "01": (3, 5), "08": (4, 5),
}
W, H, GAP = 118, 62, 6


def _lines(name: str) -> list[str]:
    """Break a long name after a hyphen or at a space so it fits on a tile."""
    if len(name) <= 12:
        return [name]
    for sep in ("-", " "):
        if sep in name:
            head, tail = name.split(sep, 1)
            return [head + ("-" if sep == "-" else ""), tail]
    return [name]


def region_map_svg(reference: ReferenceData, minter: IriMinter, lang: str = "fi") -> str:
    regions = [e for e in reference.entities if e.kind == "Region"]
    cols = max(c for c, _ in TILES.values()) + 1
    rows = max(r for _, r in TILES.values()) + 1
    width, height = cols * (W + GAP), rows * (H + GAP)
    title = "Suomen maakunnat" if lang == "fi" else "Regions of Finland"
    out = [f'<svg id="region-map" class="region-map" role="img" aria-labelledby="map-title" '
           f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
           f'<title id="map-title">{escape(title)}</title>']
    for region in sorted(regions, key=lambda r: r.key):
        code = region.code or region.key
        if code not in TILES:
            continue
        col, row = TILES[code]
        x, y = col * (W + GAP), row * (H + GAP)
        name = (region.pref_en if lang == "en" and region.pref_en else region.pref_fi)
        iri = str(minter.region(code))
        lines = _lines(name)
        out.append(
            f'<a href="/id/region/{escape(code)}" class="tile" data-code="{escape(code)}" '
            f'data-iri="{escape(iri)}" data-name-fi="{escape(region.pref_fi)}" '
            f'data-name-en="{escape(region.pref_en or region.pref_fi)}">'
            f'<title>{escape(name)}</title>'
            f'<rect x="{x}" y="{y}" width="{W}" height="{H}" rx="6" class="level-0"/>')
        for n, line in enumerate(lines):
            ty = y + H / 2 + (n - (len(lines) - 1) / 2) * 17 + 5
            out.append(f'<text x="{x + W / 2:.0f}" y="{ty:.0f}" text-anchor="middle">'
                       f'{escape(line)}</text>')
        out.append("</a>")
    out.append("</svg>")
    return "".join(out)
