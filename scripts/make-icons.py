#!/usr/bin/env python3
"""Draws Rapport's icon (two speech bubbles on a deep teal tile: a conversation kept on record)
and writes every size Tauri's bundler wants into icons/. Run: python3 scripts/make-icons.py
Needs Pillow (pip install pillow). The PNGs are committed, so building never needs this."""
from pathlib import Path
from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "icons"
TEAL, CREAM, GOLD = (15, 82, 87, 255), (250, 246, 236, 255), (232, 176, 75, 255)


def draw(size: int) -> Image.Image:
    s = 4  # draw large, then shrink, for smooth edges
    n = size * s
    img = Image.new("RGBA", (n, n), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([0, 0, n - 1, n - 1], radius=int(n * 0.22), fill=TEAL)
    # The back bubble (theirs), gold, tail to the right.
    d.rounded_rectangle([n * 0.36, n * 0.20, n * 0.84, n * 0.56], radius=int(n * 0.09), fill=GOLD)
    d.polygon([(n * 0.70, n * 0.54), (n * 0.80, n * 0.54), (n * 0.80, n * 0.66)], fill=GOLD)
    # The front bubble (ours), cream, tail to the left, with three lines of record.
    d.rounded_rectangle([n * 0.16, n * 0.38, n * 0.66, n * 0.76], radius=int(n * 0.09), fill=CREAM)
    d.polygon([(n * 0.22, n * 0.74), (n * 0.34, n * 0.74), (n * 0.20, n * 0.88)], fill=CREAM)
    for i, width in enumerate((0.36, 0.30, 0.22)):
        y = n * (0.48 + i * 0.08)
        d.rounded_rectangle([n * 0.24, y, n * (0.24 + width), y + n * 0.035], radius=int(n * 0.017), fill=TEAL)
    return img.resize((size, size), Image.LANCZOS)


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, size in [("32x32.png", 32), ("128x128.png", 128), ("128x128@2x.png", 256), ("icon.png", 512)]:
        draw(size).save(OUT / name)
    draw(256).save(OUT / "icon.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (256, 256)])
    draw(1024).save(OUT / "icon.icns")


if __name__ == "__main__":
    main()
