"""Draws Beoordelaar's icon into resources/icons (beoordelaar.png, 256 px, and beoordelaar.ico, 16 to 256 px): a blue
rounded square with three rising score bars and a check mark. Needs Pillow (a dependency of reportlab).

    python installer/make_icon.py
"""

from pathlib import Path

from PIL import Image, ImageDraw

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZE = 1024
BLUE, WHITE, GREEN = (29, 78, 137, 255), (255, 255, 255, 235), (120, 210, 120, 255)


def draw() -> Image.Image:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((40, 40, SIZE - 40, SIZE - 40), radius=200, fill=BLUE)
    for position, height in enumerate((300, 450, 600)):
        left = 190 + position * 170
        pen.rounded_rectangle((left, 830 - height, left + 120, 830), radius=30, fill=WHITE)
    tick = [(520, 330), (650, 460), (880, 190)]
    pen.line(tick, fill=GREEN, width=95, joint="curve")
    for x, y in tick:  # round ends
        pen.ellipse((x - 47, y - 47, x + 47, y + 47), fill=GREEN)
    return image


if __name__ == "__main__":
    ICONS.mkdir(parents=True, exist_ok=True)
    icon = draw()
    icon.resize((256, 256), Image.LANCZOS).save(ICONS / "beoordelaar.png")
    icon.save(ICONS / "beoordelaar.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
