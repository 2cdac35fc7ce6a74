"""/api/v1/members: the active members of the network, as in the public directory."""

import re

from django.http import Http404, HttpRequest
from ninja import Query, Router

from dissemination.records import member_record, public_members

from . import schemas
from .paging import paginate
from .parameters import SLUG, Common, MemberFilters

router = Router(tags=["members"])
ERRORS = {400: schemas.Error, 404: schemas.Error, 429: schemas.Error}


@router.get("/members", response={200: schemas.MemberPage, **ERRORS}, url_name="members")
def list_members(request: HttpRequest, filters: Query[MemberFilters]) -> dict:
    """Active members by name, filtered by country, kind, expertise theme or assistance offered."""
    members = public_members()
    if filters.country:
        members = members.in_country(filters.country)
    if filters.kind:
        members = members.of_kind(filters.kind)
    if filters.theme:
        members = members.with_expertise(filters.theme)
    if filters.offers_assistance is not None:
        members = members.filter(offers_assistance=filters.offers_assistance)
    return paginate(request, members, filters, member_record)


@router.get("/members/{slug}", response={200: schemas.Member, **ERRORS}, url_name="member")
def get_member(request: HttpRequest, slug: str, params: Query[Common]) -> dict:
    """One active member by its slug (its stable identifier)."""
    member = public_members().filter(slug=slug).first() if re.match(SLUG, slug) else None
    if member is None:
        raise Http404
    return member_record(member, request)
