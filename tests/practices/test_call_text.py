"""The call text copied from a PDF reads as written text: no broken hyphens, lost bullets or run-on items."""

import re

from core.vocabulary import call_text_by_priority
from practices.call_text import BULLET, parse_call_text


def rendered_texts(text: str) -> list[str]:
    texts = []
    for section in parse_call_text(text):
        for block in section.blocks:
            if block.kind == "paragraph":
                texts.append(block.text)
            for item in block.items:
                texts.extend([item.text, *item.children])
    return [text for text in texts if text]


def test_a_compound_hyphenated_across_lines_is_joined_without_a_space():
    text = (
        f"Objectives\n{BULLET}Return of third-\ncountry nationals, projects already co- \n"
        "funded in (semi)- independent living."
    )
    [item] = parse_call_text(text)[0].blocks[0].items
    assert (
        item.text
        == "Return of third-country nationals, projects already co-funded in (semi)-independent living."
    )


def test_a_paragraph_between_two_bullets_is_a_bullet_the_pdf_lost():
    text = (
        f"Outcomes\n{BULLET}Better care systems.\nIncreased use of foster care.\n"
        f"{BULLET}Alternatives to detention."
    )
    [section] = parse_call_text(text)
    assert [block.kind for block in section.blocks] == ["list"]
    assert [item.text for item in section.blocks[0].items] == [
        "Better care systems.",
        "Increased use of foster care.",
        "Alternatives to detention.",
    ]


def test_an_introduction_ending_with_a_colon_stays_a_paragraph_before_its_list():
    text = f"Actions\n{BULLET}Trainings.\nNot eligible are those involving:\n{BULLET}Institutional care"
    kinds = [block.kind for block in parse_call_text(text)[0].blocks]
    assert kinds == ["list", "paragraph", "list"]


def test_a_short_line_without_full_stop_ends_its_item_instead_of_running_into_the_next_sentence():
    text = (
        f"Actions\n{BULLET}Monitoring and evaluation of the project to assess its results and to draft \n"
        "recommendations for future engagement with diaspora communities \n"
        "The involvement of diaspora organisations is key."
    )
    items = [item.text for item in parse_call_text(text)[0].blocks[0].items]
    assert items[0].endswith("with diaspora communities")
    assert items[1] == "The involvement of diaspora organisations is key."


def test_the_real_call_text_has_no_pdf_artefacts_left():
    for number, text in call_text_by_priority().items():
        for rendered in rendered_texts(text):
            assert BULLET not in rendered, (number, rendered)
            assert not re.search(r"\w- \w", rendered), (number, rendered)  # a broken hyphen
            assert "re Sults" not in rendered, (number, rendered)  # a word the PDF split over two lines
            assert not re.fullmatch(r"(Page )?\d+( of \d+)?", rendered), (number, rendered)  # a page number
