"""The footer's EU emblem follows the flag's official construction."""

import math
import re

from notices.emblem import HEIGHT, STAR_RADIUS, WIDTH
from notices.templatetags.notices_tags import eu_emblem


def parse(svg: str) -> tuple[list[list[tuple[float, float]]], str]:
    stars = [
        [tuple(float(number) for number in pair.split(",")) for pair in points.split()]
        for points in re.findall(r'<polygon points="([^"]+)"', svg)
    ]
    return stars, svg


def test_the_flag_is_three_by_two_in_reflex_blue_with_yellow_stars():
    svg = str(eu_emblem(40))
    assert 'viewBox="0 0 810 540"' in svg and WIDTH / HEIGHT == 1.5
    assert 'width="60" height="40"' in svg
    assert '<rect width="810" height="540" fill="#003399"/>' in svg
    assert '<g fill="#FFDD00">' in svg


def test_twelve_upright_five_pointed_stars_on_a_circle_of_a_third_of_the_height():
    stars, _svg = parse(str(eu_emblem()))
    assert len(stars) == 12
    centre = (WIDTH / 2, HEIGHT / 2)
    angles = []
    for points in stars:
        assert len(points) == 10  # five points, five inner corners
        outer = points[0::2]
        cx = sum(x for x, _ in outer) / 5
        cy = sum(y for _, y in outer) / 5
        for x, y in outer:
            assert math.isclose(math.dist((x, y), (cx, cy)), HEIGHT / 18, abs_tol=0.02)
        top = min(outer, key=lambda point: point[1])
        assert math.isclose(top[0], cx, abs_tol=0.01)  # upright: one point straight up
        assert math.isclose(math.dist((cx, cy), centre), HEIGHT / 3, abs_tol=0.02)
        angles.append(round(math.degrees(math.atan2(cx - centre[0], centre[1] - cy))) % 360)
    assert sorted(angles) == list(range(0, 360, 30))  # at the hours of a clock face
    assert STAR_RADIUS == HEIGHT / 18


def test_the_emblem_has_an_accessible_name():
    svg = str(eu_emblem())
    assert 'role="img"' in svg and 'aria-label="Flag of the European Union"' in svg
