"""The licences a member can put on a practice's text, and which of them allow open-data reuse."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Licence(models.TextChoices):
    CC_BY_4 = "CC-BY-4.0", _("Creative Commons Attribution 4.0 (CC BY 4.0)")
    CC_BY_SA_4 = "CC-BY-SA-4.0", _("Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)")
    CC0 = "CC0-1.0", _("Public domain dedication (CC0 1.0)")
    CC_BY_NC_4 = "CC-BY-NC-4.0", _("Creative Commons Attribution-NonCommercial 4.0 (CC BY-NC 4.0)")
    CC_BY_ND_4 = "CC-BY-ND-4.0", _("Creative Commons Attribution-NoDerivatives 4.0 (CC BY-ND 4.0)")
    ALL_RIGHTS_RESERVED = "all-rights-reserved", _("All rights reserved: read here, ask the member to reuse")


DEFAULT_LICENCE = Licence.CC_BY_4

LICENCE_URLS = {
    Licence.CC_BY_4: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA_4: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
    Licence.CC_BY_NC_4: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.CC_BY_ND_4: "https://creativecommons.org/licenses/by-nd/4.0/",
    Licence.ALL_RIGHTS_RESERVED: "",
}

# Open data means anyone may reuse and redistribute, commercially too, and adapt (the Open Definition):
# only these licences allow a practice's text into the open-data download.
OPEN_DATA_LICENCES = frozenset({Licence.CC_BY_4, Licence.CC_BY_SA_4, Licence.CC0})


def licence_url(code: str) -> str:
    return LICENCE_URLS.get(Licence(code), "") if code in Licence.values else ""
