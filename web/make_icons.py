"""Draws the web app icons (web/static/web/icon-*.png) with Pillow.

Run `python -m web.make_icons` after changing the design; the PNGs are committed.
The maskable icon keeps its mark inside the central 80% safe zone.
"""

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent / "static" / "web"
BLUE = (29, 78, 216, 255)
WHITE = (255, 255, 255, 255)


def draw(size: int, *, maskable: bool) -> Image.Image:
    image = Image.new("RGBA", (size, size), BLUE if maskable else (0, 0, 0, 0))
    d = ImageDraw.Draw(image)
    if not maskable:
        d.rounded_rectangle((0, 0, size - 1, size - 1), radius=size // 5, fill=BLUE)
    scale = 0.6 if maskable else 0.75
    s = size * scale
    x0 = (size - s) / 2
    y0 = (size - s) / 2
    # A lectern (a tribune): a bar on top of a column on a base.
    d.rectangle((x0, y0, x0 + s, y0 + s * 0.22), fill=WHITE)
    d.rectangle((x0 + s * 0.38, y0 + s * 0.22, x0 + s * 0.62, y0 + s * 0.85), fill=WHITE)
    d.rectangle((x0 + s * 0.15, y0 + s * 0.85, x0 + s * 0.85, y0 + s), fill=WHITE)
    return image


def main() -> None:
    draw(192, maskable=False).save(OUT / "icon-192.png", optimize=True)
    draw(512, maskable=False).save(OUT / "icon-512.png", optimize=True)
    draw(512, maskable=True).save(OUT / "icon-maskable-512.png", optimize=True)


if __name__ == "__main__":
    main()
