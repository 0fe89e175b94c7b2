"""Draw the schematic maps of the example strategy (examples/walcz/mapy/*.png) with Pillow.

Schematic, not cartographic: gmina and voivodeship shapes are simplified. A real strategy embeds maps
made in GIS. The same files are the maps `cwd-docs init supralocal` writes beside its example.
    python tools/make_example_maps.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "examples" / "walcz" / "mapy"
INIT_MAPS = ROOT / "templates" / "supralocal" / "mapy"
FONT = "/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf"
BOLD = "/usr/share/fonts/truetype/crosextra/Carlito-Bold.ttf"
W, H = 1600, 1100

GMINY = {
    "Gmina Mirosławiec": [(820, 90), (1180, 60), (1330, 250), (1250, 430), (960, 420), (860, 300)],
    "Gmina Tuczno": [(200, 300), (520, 250), (600, 470), (560, 700), (300, 740), (150, 520)],
    "Gmina Człopa": [(300, 740), (560, 700), (760, 760), (980, 820), (820, 1010), (480, 1050), (250, 940)],
    "Gmina Wiejska Wałcz": [(520, 250), (820, 90), (860, 300), (960, 420), (1250, 430), (1260, 700),
                            (980, 820), (760, 760), (560, 700), (600, 470)],
    "Gmina Miejska Wałcz": [(700, 430), (820, 410), (860, 520), (780, 590), (690, 540)],
}
LABELS = {"Gmina Mirosławiec": (1000, 230), "Gmina Tuczno": (260, 480), "Gmina Człopa": (430, 880),
          "Gmina Wiejska Wałcz": (1090, 640), "Gmina Miejska Wałcz": (780, 620)}
TOWNS = {"Wałcz": (775, 500, 22), "Mirosławiec": (1120, 300, 13), "Tuczno": (420, 520, 13), "Człopa": (560, 860, 13)}
LAKES = [(640, 360, 720, 420), (860, 560, 930, 640), (330, 600, 400, 660), (1000, 470, 1080, 520)]
ROUTE = [(775, 500), (640, 520), (520, 530), (420, 520), (470, 640), (540, 760), (560, 860)]
ROADS = [[(775, 500), (900, 330), (1120, 300), (1400, 220)], [(775, 500), (980, 700), (1250, 900)],
         [(775, 500), (560, 320), (420, 120)]]


def font(size: int, bold: bool = False):
    return ImageFont.truetype(BOLD if bold else FONT, size)


GMINA_SHIFTS = [(0, 0), (0, -40), (0, 40), (-60, 0), (60, 0), (-60, -40), (60, 40), (0, -80), (0, 80), (-90, 40),
                (90, -40)]
# Where a town's name may stand beside its dot: right, left, above, below (each at two heights).
TOWN_SPOTS = [("ls", 1, -1), ("ls", 1, 1), ("rs", -1, -1), ("rs", -1, 1), ("ms", 0, -1), ("mt", 0, 1)]


class Placer:
    """Label placement by least overlap: each label takes the candidate box that covers the fewest
    sample points of the lines drawn (roads, the route, borders), of the lakes and of the labels placed
    before it; so no name is written over a road, a lake or another name where a free spot exists."""

    def __init__(self, lines: list[list[tuple[int, int]]], boxes: list[tuple[int, int, int, int]] = ()):
        self.points: list[tuple[float, float]] = []
        for line in lines:
            for (x0, y0), (x1, y1) in zip(line, line[1:]):
                steps = max(1, int(max(abs(x1 - x0), abs(y1 - y0)) / 4))
                self.points += [(x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps) for i in range(steps + 1)]
        self.boxes = list(boxes)

    def cost(self, box: tuple[float, float, float, float]) -> float:
        x0, y0, x1, y1 = box[0] - 6, box[1] - 6, box[2] + 6, box[3] + 6
        on_lines = sum(1 for x, y in self.points if x0 <= x <= x1 and y0 <= y <= y1)
        covered = sum(max(0, min(x1, b[2]) - max(x0, b[0])) * max(0, min(y1, b[3]) - max(y0, b[1]))
                      for b in self.boxes)
        outside = 1000 if x0 < 0 or y0 < 110 or x1 > W or y1 > H else 0
        return on_lines * 10 + covered / 20 + outside

    def place(self, draw: ImageDraw.ImageDraw, text: str, typeface, points: list[tuple[float, float]],
              anchor: str, reserve: bool = True) -> tuple[float, float, float, float]:
        """The best box among text drawn at each point (anchor "mm": centred, "ls": from the left, standing on
        the point), reserved for later labels unless reserve is false."""
        left, top, right, bottom = draw.textbbox((0, 0), text, font=typeface, anchor="lt")
        width, height = right - left, bottom - top
        candidates = []
        for order, (x, y) in enumerate(points):
            bx = x - width / 2 if anchor[0] == "m" else x if anchor[0] == "l" else x - width
            by = y - height / 2 if anchor[1] == "m" else y if anchor[1] == "t" else y - height
            box = (bx, by, bx + width, by + height)
            candidates.append((self.cost(box), order, box))
        best = min(candidates)[2]
        if reserve:
            self.boxes.append(best)
        return best


def base(title: str, fills: dict[str, str] | None = None, hatch: set[str] = frozenset()) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("RGB", (W, H), "white")
    draw = ImageDraw.Draw(image)
    for name, polygon in GMINY.items():
        draw.polygon(polygon, fill=(fills or {}).get(name, "#F4F1E8"), outline="#555555")
        if name in hatch:
            xs, ys = [p[0] for p in polygon], [p[1] for p in polygon]
            mask = Image.new("L", (W, H), 0)
            ImageDraw.Draw(mask).polygon(polygon, fill=255)
            lines = Image.new("RGBA", (W, H), (0, 0, 0, 0))
            ld = ImageDraw.Draw(lines)
            for x in range(min(xs) - (max(ys) - min(ys)), max(xs), 22):
                ld.line([(x, max(ys)), (x + (max(ys) - min(ys)), min(ys))], fill=(178, 34, 34, 160), width=3)
            image.paste(lines, (0, 0), Image.composite(lines, Image.new("RGBA", (W, H)), mask).split()[3])
    for name, polygon in GMINY.items():
        draw.line(polygon + [polygon[0]], fill="#333333", width=3)
    outline = [(200, 300), (520, 250), (820, 90), (1180, 60), (1330, 250), (1250, 430), (1260, 700), (980, 820),
               (820, 1010), (480, 1050), (250, 940), (300, 740), (150, 520)]
    draw.line(outline + [outline[0]], fill="#1F3864", width=7)
    for box in LAKES:
        draw.ellipse(box, fill="#9DC3E6", outline="#2E75B6")
    return image, draw


def gmina_labels(draw: ImageDraw.ImageDraw, placer: "Placer") -> None:
    """Each gmina's name where it covers least of the lakes, roads, the route and the other labels."""
    for name, (x, y) in LABELS.items():
        size = 22 if name == "Gmina Miejska Wałcz" else 28
        box = placer.place(draw, name, font(size, True), [(x + dx, y + dy) for dx, dy in GMINA_SHIFTS], "mm")
        draw.text(box[:2], name, font=font(size, True), fill="#222222", anchor="lt", stroke_width=3,
                  stroke_fill="white")


def frame(draw: ImageDraw.ImageDraw, title: str) -> None:
    draw.text((40, 30), title, font=font(40, True), fill="#1F3864")
    draw.text((40, 80), "Partnerstwo Powiatu Wałeckiego – schemat poglądowy", font=font(26), fill="#555555")
    draw.polygon([(1500, 60), (1480, 130), (1500, 115), (1520, 130)], fill="#222222")
    draw.text((1500, 150), "N", font=font(30, True), fill="#222222", anchor="mm")
    draw.line([(60, 1040), (260, 1040)], fill="#222222", width=6)
    draw.text((160, 1010), "10 km", font=font(24), fill="#222222", anchor="mm")


LINE = 30  # height of one line of a legend label


def legend(draw: ImageDraw.ImageDraw, items: list[tuple[str, str]], right: int = 1585, bottom: int = 1080) -> None:
    """One swatch per item; a label may run over several lines ("\n"), still beside one swatch."""
    heights = [max(44, LINE * (label.count("\n") + 1) + 14) for _, label in items]
    width = max(draw.textlength(line, font=font(22)) for _, label in items for line in label.split("\n"))
    x, y = right - 20 - int(width) - 55, bottom - 10 - sum(heights)
    draw.rectangle([x - 20, y - 20, right, bottom], fill="white", outline="#888888")
    for (kind, label), height in zip(items, heights):
        if kind.startswith("#"):
            draw.rectangle([x, y, x + 40, y + 26], fill=kind, outline="#555555")
        elif kind == "hatch":
            draw.rectangle([x, y, x + 40, y + 26], fill="white", outline="#555555")
            for i in range(0, 40, 10):
                draw.line([(x + i, y + 26), (x + i + 10, y)], fill="#B22222", width=3)
        elif kind == "route":
            draw.line([(x, y + 13), (x + 40, y + 13)], fill="#2E8B57", width=8)
        elif kind == "road":
            draw.line([(x, y + 13), (x + 40, y + 13)], fill="#C55A11", width=5)
        elif kind == "town":
            draw.ellipse([x + 8, y, x + 34, y + 26], fill="#C00000")
        elif kind == "area":
            draw.rectangle([x, y, x + 40, y + 26], fill="#F4B183", outline="#1F3864", width=4)
        elif kind == "border":
            draw.line([(x, y + 13), (x + 40, y + 13)], fill="#1F3864", width=5)
        for index, line in enumerate(label.split("\n")):
            draw.text((x + 55, y + 13 + LINE * index), line, font=font(22), fill="#222222", anchor="lm")
        y += height


# The voivodeship (schematic) and the partnership's place in it, on the location map.
VOIVODESHIP = [(120, 330), (300, 200), (560, 170), (820, 90), (1080, 60), (1260, 120), (1300, 300), (1240, 520),
               (1180, 700), (1100, 880), (900, 1000), (700, 1040), (520, 980), (380, 860), (260, 700), (150, 560)]
PARTNERSHIP_AREA = [(960, 700), (1080, 660), (1170, 720), (1120, 880), (1000, 930), (920, 840)]
CITIES = {"Szczecin": (230, 640), "Koszalin": (820, 170), "Stargard": (400, 700), "Wałcz": (1040, 780)}
NEIGHBOURS = {"województwo pomorskie": (1440, 330), "województwo wielkopolskie": (1330, 900),
              "województwo lubuskie": (640, 1075), "Niemcy": (70, 720)}


def location_map() -> Image.Image:
    image = Image.new("RGB", (W, H), "white")
    draw = ImageDraw.Draw(image)
    draw.polygon(VOIVODESHIP, fill="#F4F1E8")
    draw.line(VOIVODESHIP + [VOIVODESHIP[0]], fill="#1F3864", width=5)
    draw.polygon(PARTNERSHIP_AREA, fill="#F4B183")
    draw.line(PARTNERSHIP_AREA + [PARTNERSHIP_AREA[0]], fill="#1F3864", width=4)
    for name, (x, y) in CITIES.items():
        r = 14 if name == "Szczecin" else 10
        draw.ellipse([x - r, y - r, x + r, y + r], fill="#C00000", outline="white", width=3)
        draw.text((x + r + 8, y - r - 10), name, font=font(28, True), fill="#7F0000", stroke_width=3,
                  stroke_fill="white")
    for name, (x, y) in NEIGHBOURS.items():
        draw.text((x, y), name, font=font(24), fill="#666666", anchor="mm")
    draw.text((1000, 560), "Partnerstwo\nPowiatu Wałeckiego", font=font(26, True), fill="#1F3864", anchor="mm",
              align="center")
    draw.line([(1010, 600), (1040, 690)], fill="#1F3864", width=3)
    draw.text((40, 30), "Położenie obszaru partnerstwa", font=font(40, True), fill="#1F3864")
    draw.text((40, 80), "województwo zachodniopomorskie – schemat poglądowy", font=font(26), fill="#555555")
    draw.polygon([(1500, 60), (1480, 130), (1500, 115), (1520, 130)], fill="#222222")
    draw.text((1500, 150), "N", font=font(30, True), fill="#222222", anchor="mm")
    draw.line([(60, 1040), (260, 1040)], fill="#222222", width=6)
    draw.text((160, 1010), "30 km", font=font(24), fill="#222222", anchor="mm")
    legend(draw, [("area", "obszar partnerstwa\n(powiat wałecki)"), ("border", "granica województwa"),
                  ("town", "miasto")], right=1585, bottom=800)
    return image


def towns_roads_route(draw: ImageDraw.ImageDraw, title: str, route: bool = True) -> None:
    """Roads, the route and the towns, then every name placed clear of them (towns first, beside their dots)."""
    for road in ROADS:
        draw.line(road, fill="#C55A11", width=5)
    if route:
        for a, b in zip(ROUTE, ROUTE[1:]):
            draw.line([a, b], fill="#2E8B57", width=9)
    dots = [(x - r - 3, y - r - 3, x + r + 3, y + r + 3) for x, y, r in TOWNS.values()]
    placer = Placer(ROADS + ([ROUTE] if route else []), [tuple(b) for b in LAKES] + dots)
    for name, (x, y, r) in TOWNS.items():
        draw.ellipse([x - r, y - r, x + r, y + r], fill="#C00000", outline="white", width=3)
    for name, (x, y, r) in TOWNS.items():
        spots = [(x + side * (r + 8), y + level * (r + 4) if side else y + level * (r + 6))
                 for _, side, level in TOWN_SPOTS]
        anchors = [spot[0] for spot in TOWN_SPOTS]
        best = None
        for point, anchor in zip(spots, anchors):
            box = placer.place(draw, name, font(26, True), [point], anchor, reserve=False)
            if best is None or placer.cost(box) < placer.cost(best):
                best = box
        placer.boxes.append(best)
        draw.text(best[:2], name, font=font(26, True), fill="#7F0000", anchor="lt", stroke_width=3,
                  stroke_fill="white")
    gmina_labels(draw, placer)
    frame(draw, title)



def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    title = "Model struktury funkcjonalno-przestrzennej"
    image, draw = base(title)
    towns_roads_route(draw, title)
    legend(draw, [("town", "ośrodek usług publicznych"), ("road", "korytarz transportowy"),
                  ("route", "planowana droga rowerowa"), ("#9DC3E6", "jeziora – potencjał turystyczny"),
                  ("#F4F1E8", "obszar rolniczo-leśny")])
    image.save(OUT / "model-funkcjonalno-przestrzenny.png", optimize=True)

    marginal = {"Gmina Tuczno", "Gmina Człopa", "Gmina Mirosławiec", "Gmina Wiejska Wałcz"}
    title = "OSI wskazane w strategii województwa"
    image, draw = base(title, hatch=marginal)
    towns_roads_route(draw, title, route=False)
    legend(draw, [("hatch", "OSI: obszar zagrożony trwałą\nmarginalizacją"), ("town", "miasto"),
                  ("road", "korytarz transportowy")])
    image.save(OUT / "osi-regionalne.png", optimize=True)

    fills = {"Gmina Tuczno": "#D9EAD3", "Gmina Człopa": "#D9EAD3", "Gmina Wiejska Wałcz": "#D9EAD3",
             "Gmina Miejska Wałcz": "#FCE4D6"}
    title = "OSI kluczowe dla gmin partnerstwa"
    image, draw = base(title, fills=fills)
    towns_roads_route(draw, title)
    legend(draw, [("#D9EAD3", "OSI Pojezierze Wałeckie –\nturystyka aktywna"),
                  ("#FCE4D6", "OSI centrum Wałcza –\nrewitalizacja"), ("route", "planowana droga rowerowa")])
    image.save(OUT / "osi-lokalne.png", optimize=True)

    location_map().save(OUT / "polozenie.png", optimize=True)
    INIT_MAPS.mkdir(parents=True, exist_ok=True)
    for drawn in sorted(OUT.glob("*.png")):
        (INIT_MAPS / drawn.name).write_bytes(drawn.read_bytes())


if __name__ == "__main__":
    main()
    print(f"zapisano mapy w {OUT}")
