"""Every user-facing string in the templates goes through gettext, so the site can be translated."""

import re
from pathlib import Path

import pytest

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "templates"
TEMPLATES = sorted(path for path in TEMPLATE_DIR.rglob("*") if path.suffix in {".html", ".txt"})

BLOCKTRANSLATE = re.compile(r"{%\s*blocktrans(?:late)?\b.*?{%\s*endblocktrans(?:late)?\s*%}", re.DOTALL)
CSS_CLASS_BLOCK = re.compile(r"{%\s*block body_class\s*%}.*?{%\s*endblock", re.DOTALL)
TEMPLATE_COMMENT = re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}|{#.*?#}", re.DOTALL)
TEMPLATE_CODE = re.compile(r"{%.*?%}|{{.*?}}", re.DOTALL)
SCRIPT_OR_STYLE = re.compile(r"<(script|style|svg)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
TAG = re.compile(r"<[^>]*>", re.DOTALL)
ENTITY = re.compile(r"&[#a-zA-Z0-9]+;")
LITERAL_ATTRIBUTE = re.compile(r'\b(?:aria-label|placeholder|title|alt)="([^"{]*[A-Za-z][^"{]*)"')


def visible_untranslated_text(source: str) -> list[str]:
    text = BLOCKTRANSLATE.sub(" ", source)
    text = CSS_CLASS_BLOCK.sub(" ", text)
    text = TEMPLATE_COMMENT.sub(" ", text)
    text = SCRIPT_OR_STYLE.sub(" ", text)
    text = HTML_COMMENT.sub(" ", text)
    text = TEMPLATE_CODE.sub(" ", text)
    text = TAG.sub(" ", text)
    text = ENTITY.sub(" ", text)
    return re.findall(r"[^\W\d_]{2,}", text)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(TEMPLATE_DIR)))
def test_template_text_is_marked_for_translation(template):
    source = template.read_text(encoding="utf-8")
    if template.name == "500.html":
        source = source.split("</style>", 1)[-1]
    assert visible_untranslated_text(source) == []
    assert LITERAL_ATTRIBUTE.findall(TEMPLATE_CODE.sub("", BLOCKTRANSLATE.sub("", source))) == []


def test_the_checker_catches_untranslated_text():
    assert visible_untranslated_text("<p>Hello {{ name }}</p>") == ["Hello"]
    assert visible_untranslated_text('<p>{% translate "Hello" %} {{ name }}</p>') == []
