"""The EU emblem drawn to its official construction (the European flag's geometrical description).

The flag is 3:2. Twelve gold stars stand on an invisible circle centred on the flag whose radius is a
third of the flag's height; each star is five-pointed, its points on a circle of radius 1/18 of the
height, and every star stands upright (one point straight up) whatever its place on the circle, at the
positions of the hours on a clock face. Colours: Reflex Blue #003399, Yellow #FFDD00.
"""

import math
from functools import cache

HEIGHT = 540.0
WIDTH = HEIGHT * 3 / 2
RING_RADIUS = HEIGHT / 3
STAR_RADIUS = HEIGHT / 18
# A regular five-pointed star's inner vertices lie at cos 72° / cos 36° of the outer radius.
INNER_RATIO = math.cos(math.radians(72)) / math.cos(math.radians(36))
BLUE = "#003399"
GOLD = "#FFDD00"


def star_points(cx: float, cy: float) -> list[tuple[float, float]]:
    """The ten vertices of an upright star centred on (cx, cy), outer point first, clockwise."""
    points = []
    for index in range(10):
        radius = STAR_RADIUS if index % 2 == 0 else STAR_RADIUS * INNER_RATIO
        angle = math.radians(-90 + 36 * index)
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def star_centres() -> list[tuple[float, float]]:
    """Twelve centres at the hours of a clock, twelve o'clock first."""
    cx, cy = WIDTH / 2, HEIGHT / 2
    return [
        (
            cx + RING_RADIUS * math.sin(math.radians(30 * hour)),
            cy - RING_RADIUS * math.cos(math.radians(30 * hour)),
        )
        for hour in range(12)
    ]


@cache
def emblem_svg_body() -> str:
    """The SVG's drawing (no outer element): the blue field and the twelve stars."""
    stars = "".join(
        '<polygon points="{}"/>'.format(" ".join(f"{x:.2f},{y:.2f}" for x, y in star_points(*centre)))
        for centre in star_centres()
    )
    return f'<rect width="{WIDTH:g}" height="{HEIGHT:g}" fill="{BLUE}"/><g fill="{GOLD}">{stars}</g>'
