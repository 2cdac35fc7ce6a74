"""Joining the network: an application, its review by a network administrator, and the invitation
of the new member's first editor."""

from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, User
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.links import absolute_url
from core.outbox import queue_email
from core.slugs import first_free_slug
from members.models import ContactOfficer, Member, Membership, MembershipApplication
from members.roles import (
    NETWORK_ADMINISTRATORS,
    editors_group_name,
    grant_role,
    is_network_administrator,
    organisers_group_name,
    provision_member,
)


class ApplicationError(Exception):
    """The application cannot go through this step (already reviewed, missing consent...)."""


class MemberNameTaken(ApplicationError):
    """Another member already has this name (or its role groups' names): approve under another name."""


def _check_member_name_free(name: str) -> None:
    probe = Member(name=name)
    group_names = [editors_group_name(probe), organisers_group_name(probe)]
    if (
        Member.objects.filter(name__iexact=name).exists()
        or Group.objects.filter(name__in=group_names).exists()
    ):
        raise MemberNameTaken(
            _(
                "A member called “%(name)s” already exists. Give the new member a distinguishing name "
                "(for example with its city or country) and approve again."
            )
            % {"name": name}
        )


def network_administrator_emails() -> list[str]:
    """NETWORK_ADMIN_EMAILS and every active network administrator's address, each once."""
    user_model = get_user_model()
    group_emails = user_model.objects.filter(groups__name=NETWORK_ADMINISTRATORS, is_active=True).values_list(
        "email", flat=True
    )
    seen: set[str] = set()
    recipients: list[str] = []
    for email in [*getattr(settings, "NETWORK_ADMIN_EMAILS", []), *group_emails]:
        if email and email.lower() not in seen:
            seen.add(email.lower())
            recipients.append(email)
    return recipients


def _send(subject: str, template: str, context: dict[str, Any], recipients: list[str]) -> None:
    message = EmailMessage(subject, render_to_string(template, context), None, recipients)
    queue_email(message, purpose=f"members:{template.rsplit('/', 1)[-1].removesuffix('.txt')}")


def submit_application(application: MembershipApplication) -> MembershipApplication:
    """Record a validated application and tell the network administrators once it is saved."""
    if not application.consent:
        raise ApplicationError(_("An application needs consent to the processing of its data."))
    application.status = MembershipApplication.Status.PENDING
    with transaction.atomic():
        application.save()
        context = {
            "application": application,
            "review_url": absolute_url(reverse("members_applications:review", args=[application.pk])),
        }
        transaction.on_commit(
            partial(
                _send,
                _("New membership application: %(name)s") % {"name": application.organisation_name},
                "members/emails/application_submitted.txt",
                context,
                network_administrator_emails(),
            )
        )
    return application


# Paths under /members/ that a profile slug must not shadow.
RESERVED_SLUGS = {"join", "invitation"}


def unique_member_slug(name: str) -> str:
    base = slugify(name)[:90] or "member"
    return first_free_slug(
        base, lambda slug: slug in RESERVED_SLUGS or Member.objects.filter(slug=slug).exists()
    )


def _check_reviewable(application: MembershipApplication, reviewer: User) -> MembershipApplication:
    if not is_network_administrator(reviewer):
        raise PermissionDenied
    locked = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    if not locked.is_pending:
        raise ApplicationError(_("This application has already been reviewed."))
    return locked


def invitation_url(user: User) -> str:
    """A one-time link: the token is bound to the password hash, so setting a password spends it."""
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return absolute_url(reverse("members:invitation", kwargs={"uidb64": uidb64, "token": token}))


def _send_invitation(user_pk: int, member_pk: int) -> None:
    user = get_user_model().objects.get(pk=user_pk)
    member = Member.objects.get(pk=member_pk)
    context = {"user": user, "member": member, "invitation_url": invitation_url(user)}
    _send(
        _("Welcome to the network: set your password"),
        "members/emails/invitation.txt",
        context,
        [user.email],
    )


def _editor_account(application: MembershipApplication) -> User:
    user_model = get_user_model()
    user = user_model.objects.filter(email__iexact=application.contact_email).order_by("pk").first()
    if user is None:
        first_name, _space, last_name = application.contact_name.partition(" ")
        user = user_model(
            username=application.contact_email.lower()[:150],
            email=application.contact_email,
            first_name=first_name[:150],
            last_name=last_name[:150],
        )
        user.set_unusable_password()
        user.save()
    return user


def approve_application(
    application: MembershipApplication, *, reviewer: User, note: str = "", name: str = ""
) -> Member:
    """Create the member with its groups and folders, make the contact person its editor, and invite
    them to set a password. `name` renames the organisation when another member already has its name."""
    name = " ".join((name or application.organisation_name).split())
    with transaction.atomic():
        application = _check_reviewable(application, reviewer)
        _check_member_name_free(name)
        application.organisation_name = name
        try:
            with transaction.atomic():  # a concurrent approval under the same name loses cleanly
                member: Member = Member.objects.create(
                    name=name,
                    slug=unique_member_slug(name),
                    kind=application.kind,
                    country=application.country,
                    region=application.region,
                    city=application.city,
                    website=application.website,
                    joined_at=timezone.localdate(),
                )
                provision_member(member)
        except IntegrityError as error:
            raise MemberNameTaken(_("Another member was just created under this name.")) from error
        ContactOfficer.objects.create(
            member=member,
            name=application.contact_name,
            role=application.contact_role,
            email=application.contact_email,
        )
        user = _editor_account(application)
        # The contact person runs the new member: its first editor and its member administrator.
        grant_role(user, member, Membership.Role.EDITOR, by=reviewer)
        grant_role(user, member, Membership.Role.ADMINISTRATOR, by=reviewer)
        application.status = MembershipApplication.Status.APPROVED
        application.member = member
        application.reviewed_by = reviewer
        application.reviewed_at = timezone.now()
        application.decision_note = note
        application.save()
        transaction.on_commit(partial(_send_invitation, user.pk, member.pk))
    return member


def reject_application(
    application: MembershipApplication, *, reviewer: User, note: str = ""
) -> MembershipApplication:
    """Close the application and tell the contact person politely, with the reviewer's note if any."""
    with transaction.atomic():
        application = _check_reviewable(application, reviewer)
        application.status = MembershipApplication.Status.REJECTED
        application.reviewed_by = reviewer
        application.reviewed_at = timezone.now()
        application.decision_note = note
        application.save()
        transaction.on_commit(
            partial(
                _send,
                _("Your application to join the network"),
                "members/emails/application_rejected.txt",
                {"application": application},
                [application.contact_email],
            )
        )
    return application
