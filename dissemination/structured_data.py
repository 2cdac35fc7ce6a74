"""schema.org JSON-LD and OpenGraph metadata of public pages, built from the public records (so no
contact officer or online link can slip in): `CreativeWork` for practices, `Event` with location,
attendance mode and availability, `GovernmentOrganization` for authorities (`Organization` for others)."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from events.models import EventPage
from members.models import Member
from practices.models import PracticePage

from .records import event_record, member_record, practice_record

AUTHORITY_KINDS = {"municipality", "region", "national-authority"}
ATTENDANCE_MODES = {
    "in_person": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "hybrid": "https://schema.org/MixedEventAttendanceMode",
}
AVAILABILITY = {
    "open": "https://schema.org/InStock",
    "full": "https://schema.org/SoldOut",
    "not_open_yet": "https://schema.org/PreSale",
    "closed": "https://schema.org/Discontinued",
    "ended": "https://schema.org/Discontinued",
}


def _address(record: dict[str, Any], locality: str = "city") -> dict[str, Any]:
    address = {"@type": "PostalAddress", "addressLocality": record.get(locality) or None}
    if record.get("region"):
        address["addressRegion"] = record["region"]
    if record.get("country"):
        address["addressCountry"] = record["country"]["code"]
    return {key: value for key, value in address.items() if value}


def _organisation(ref: dict[str, str] | None) -> dict[str, Any] | None:
    return {"@type": "Organization", "name": ref["name"], "url": ref["url"]} if ref else None


def practice_json_ld(page: PracticePage, request: HttpRequest | None = None) -> dict[str, Any]:
    record = practice_record(page, request)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "@id": record["url"],
        "url": record["url"],
        "name": record["title"],
        "headline": record["title"],
        "abstract": record["summary"],
        "description": record["summary"],
        "inLanguage": record["language"]["code"],
        "license": record["licence"]["url"] or record["licence"]["label"],
        "author": _organisation(record["lead_member"]),
        "contributor": [_organisation(member) for member in record["partner_members"]],
        "about": [theme["label"] for theme in record["themes"]],
        "keywords": ", ".join(record["keywords"]),
        "audience": [
            {"@type": "Audience", "audienceType": group["label"]} for group in record["target_groups"]
        ],
        "spatialCoverage": {"@type": "Place", "address": _address(record)},
        "datePublished": record["first_published_at"],
        "dateModified": record["last_published_at"],
        "isAccessibleForFree": True,
    }
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def event_json_ld(event: EventPage, request: HttpRequest | None = None) -> dict[str, Any]:
    record = event_record(event, request)
    mode = record["attendance_mode"]["slug"]
    locations: list[dict[str, Any]] = []
    if mode != "online":
        place = {"@type": "Place", "name": record["venue"] or record["city"], "address": _address(record)}
        locations.append(place)
    if mode != "in_person":
        # The event page, not the meeting link: that goes to registered participants only.
        locations.append({"@type": "VirtualLocation", "url": record["url"]})
    offer: dict[str, Any] = {
        "@type": "Offer",
        "url": record["url"],
        "price": 0,
        "priceCurrency": "EUR",
        "availability": AVAILABILITY[record["registration"]["slug"]],
    }
    if record["registration_opens_at"]:
        offer["validFrom"] = record["registration_opens_at"]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": record["url"],
        "url": record["url"],
        "name": record["title"],
        "description": record["summary"],
        "startDate": record["start"],
        "endDate": record["end"],
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": ATTENDANCE_MODES[mode],
        "location": locations[0] if len(locations) == 1 else locations,
        "organizer": _organisation(record["host_member"]),
        "offers": offer,
        "inLanguage": [language["code"] for language in record["languages"]],
        "maximumAttendeeCapacity": record["capacity"],
        "remainingAttendeeCapacity": record["places_left"],
        "isAccessibleForFree": True,
    }
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def member_json_ld(member: Member, request: HttpRequest | None = None) -> dict[str, Any]:
    record = member_record(member, request)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization" if record["kind"]["slug"] in AUTHORITY_KINDS else "Organization",
        "@id": record["url"],
        "url": record["url"],
        "name": record["name"],
        "description": record["description"],
        "address": _address(record),
        "sameAs": record["website"],
        "knowsAbout": [theme["label"] for theme in record["expertise_themes"]],
        "memberOf": {"@type": "Organization", "name": settings.WAGTAIL_SITE_NAME},
    }
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def open_graph(context: dict[str, Any], request: HttpRequest | None) -> tuple[dict[str, str], dict | None]:
    """The OpenGraph properties and the JSON-LD of the page in `context` (None where there is none)."""
    page, member = context.get("page"), context.get("member")
    if isinstance(page, PracticePage):
        data = practice_json_ld(page, request)
        return _og(data["name"], page.search_description or page.summary, data["url"], "article"), data
    if isinstance(page, EventPage):
        data = event_json_ld(page, request)
        return _og(data["name"], page.search_description or page.summary, data["url"], "website"), data
    if isinstance(member, Member) and member.is_active:
        data = member_json_ld(member, request)
        return _og(data["name"], member.description, data["url"], "profile"), data
    if page is not None and getattr(page, "url", None):
        from core.links import absolute_url

        return _og(
            page.seo_title or page.title, page.search_description, absolute_url(page.url), "website"
        ), None
    return {}, None


def _og(title: str, description: str, url: str, kind: str) -> dict[str, str]:
    properties = {
        "og:type": kind,
        "og:site_name": settings.WAGTAIL_SITE_NAME,
        "og:title": title,
        "og:url": url,
        "og:locale": "en_GB",
    }
    if description:
        properties["og:description"] = " ".join(description.split())[:300]
    return properties
