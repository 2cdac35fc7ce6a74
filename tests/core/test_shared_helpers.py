"""The one absolute-link helper and the one CSV writer every app uses."""

import csv
import io

import pytest

from core.links import absolute_url
from core.spreadsheets import csv_response, escape_formula


def test_absolute_url_puts_the_site_base_in_front_of_a_path(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://network.example.eu/"
    assert absolute_url("/events/workshop/") == "https://network.example.eu/events/workshop/"
    assert absolute_url("") == "https://network.example.eu"


def test_absolute_url_leaves_an_absolute_url_alone(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://network.example.eu"
    assert absolute_url("https://other.example.org/x") == "https://other.example.org/x"


@pytest.mark.parametrize("typed", ["=HYPERLINK(1)", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_cells_that_start_like_a_formula_are_written_as_text(typed):
    assert escape_formula(typed) == "'" + typed


@pytest.mark.parametrize(("value", "written"), [("Milano", "Milano"), (12, "12"), (None, ""), ("a=b", "a=b")])
def test_other_cells_are_written_as_they_are(value, written):
    assert escape_formula(value) == written


def test_csv_response_is_an_escaped_utf8_attachment():
    response = csv_response("people.csv", [["Name", "City"], ["=cmd|' /C calc'!A0", "Málaga"]])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="people.csv"'
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [["Name", "City"], ["'=cmd|' /C calc'!A0", "Málaga"]]
