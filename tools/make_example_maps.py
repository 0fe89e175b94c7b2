"""Draw the schematic maps of the example strategy (examples/walcz/mapy/*.png) with Pillow.

Schematic, not cartographic: gmina shapes are simplified. A real strategy embeds maps made in GIS.
    python tools/make_example_maps.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parents[1] / "examples" / "walcz" / "mapy"
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
    for name, (x, y) in LABELS.items():
        size = 22 if name == "Gmina Miejska Wałcz" else 28
        draw.text((x, y), name, font=font(size, True), fill="#222222", anchor="mm", stroke_width=3,
                  stroke_fill="white")
    draw.text((40, 30), title, font=font(40, True), fill="#1F3864")
    draw.text((40, 80), "Partnerstwo Powiatu Wałeckiego – schemat poglądowy", font=font(26), fill="#555555")
    draw.polygon([(1500, 60), (1480, 130), (1500, 115), (1520, 130)], fill="#222222")
    draw.text((1500, 150), "N", font=font(30, True), fill="#222222", anchor="mm")
    draw.line([(60, 1040), (260, 1040)], fill="#222222", width=6)
    draw.text((160, 1010), "10 km", font=font(24), fill="#222222", anchor="mm")
    return image, draw


def legend(draw: ImageDraw.ImageDraw, items: list[tuple[str, str]]) -> None:
    x, y = 1195, 730
    draw.rectangle([x - 20, y - 20, 1585, y + 44 * len(items) + 10], fill="white", outline="#888888")
    for kind, label in items:
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
        draw.text((x + 55, y + 13), label, font=font(22), fill="#222222", anchor="lm")
        y += 44


def towns_roads_route(draw: ImageDraw.ImageDraw, route: bool = True) -> None:
    for road in ROADS:
        draw.line(road, fill="#C55A11", width=5)
    if route:
        for a, b in zip(ROUTE, ROUTE[1:]):
            draw.line([a, b], fill="#2E8B57", width=9)
    for name, (x, y, r) in TOWNS.items():
        draw.ellipse([x - r, y - r, x + r, y + r], fill="#C00000", outline="white", width=3)
        draw.text((x + r + 8, y - r - 8), name, font=font(26, True), fill="#7F0000")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    image, draw = base("Model struktury funkcjonalno-przestrzennej")
    towns_roads_route(draw)
    legend(draw, [("town", "ośrodek usług publicznych"), ("road", "korytarz transportowy"),
                  ("route", "planowana droga rowerowa"), ("#9DC3E6", "jeziora – potencjał turystyczny"),
                  ("#F4F1E8", "obszar rolniczo-leśny")])
    image.save(OUT / "model-funkcjonalno-przestrzenny.png", optimize=True)

    marginal = {"Gmina Tuczno", "Gmina Człopa", "Gmina Mirosławiec", "Gmina Wiejska Wałcz"}
    image, draw = base("OSI wskazane w strategii województwa", hatch=marginal)
    towns_roads_route(draw, route=False)
    legend(draw, [("hatch", "OSI: obszar zagrożony trwałą"), ("#FFFFFF", "   marginalizacją"),
                  ("town", "miasto"), ("road", "korytarz transportowy")])
    image.save(OUT / "osi-regionalne.png", optimize=True)

    fills = {"Gmina Tuczno": "#D9EAD3", "Gmina Człopa": "#D9EAD3", "Gmina Wiejska Wałcz": "#D9EAD3",
             "Gmina Miejska Wałcz": "#FCE4D6"}
    image, draw = base("OSI kluczowe dla gmin partnerstwa", fills=fills)
    towns_roads_route(draw)
    legend(draw, [("#D9EAD3", "OSI Pojezierze Wałeckie – turystyka"), ("#FCE4D6", "OSI centrum Wałcza –"),
                  ("#FFFFFF", "   rewitalizacja"), ("route", "planowana droga rowerowa")])
    image.save(OUT / "osi-lokalne.png", optimize=True)


if __name__ == "__main__":
    main()
    print(f"zapisano mapy w {OUT}")
