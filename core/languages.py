"""Languages a practice can be written in, or a member can work in: the EU's official languages."""

from django.utils.translation import gettext_lazy as _

LANGUAGE_CHOICES = [
    ("bg", _("Bulgarian")),
    ("cs", _("Czech")),
    ("da", _("Danish")),
    ("de", _("German")),
    ("el", _("Greek")),
    ("en", _("English")),
    ("es", _("Spanish")),
    ("et", _("Estonian")),
    ("fi", _("Finnish")),
    ("fr", _("French")),
    ("ga", _("Irish")),
    ("hr", _("Croatian")),
    ("hu", _("Hungarian")),
    ("it", _("Italian")),
    ("lt", _("Lithuanian")),
    ("lv", _("Latvian")),
    ("mt", _("Maltese")),
    ("nl", _("Dutch")),
    ("pl", _("Polish")),
    ("pt", _("Portuguese")),
    ("ro", _("Romanian")),
    ("sk", _("Slovak")),
    ("sl", _("Slovenian")),
    ("sv", _("Swedish")),
]
LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)

# Community and partner-country languages members also work in.
OTHER_WORKING_LANGUAGES = [
    ("ar", _("Arabic")),
    ("ca", _("Catalan")),
    ("fa", _("Persian")),
    ("lb", _("Luxembourgish")),
    ("pa", _("Punjabi")),
    ("ps", _("Pashto")),
    ("ru", _("Russian")),
    ("tr", _("Turkish")),
    ("tw", _("Twi")),
    ("uk", _("Ukrainian")),
    ("ur", _("Urdu")),
    ("wo", _("Wolof")),
]
WORKING_LANGUAGE_CHOICES = sorted(LANGUAGE_CHOICES + OTHER_WORKING_LANGUAGES, key=lambda choice: choice[0])
WORKING_LANGUAGE_NAMES = dict(WORKING_LANGUAGE_CHOICES)
