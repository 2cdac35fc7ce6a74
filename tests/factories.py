"""Factories shared across apps' tests. App-specific factories live in tests/<app>/factories.py."""

import factory
from django.contrib.auth import get_user_model

from core.models import MemberKind, Theme
from members.models import Member, Membership
from members.roles import grant_role, provision_member


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = "Alex"
    last_name = "Officer"
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def _save(user, create, extracted, **kwargs):
        if create:
            user.save()


class MemberFactory(factory.django.DjangoModelFactory):
    """A provisioned member: its groups exist and the content apps have created its folders."""

    class Meta:
        model = Member
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"City of Testville {n}")
    slug = factory.Sequence(lambda n: f"city-of-testville-{n}")
    kind = factory.LazyFunction(lambda: MemberKind.objects.get(slug="municipality"))
    country = "IT"
    region = "Lombardia"
    city = "Milano"
    population = 100_000
    languages = factory.LazyFunction(lambda: ["en", "it"])
    description = "A member used in tests."

    @factory.post_generation
    def provisioned(member, create, extracted, **kwargs):
        if create and extracted is not False:
            provision_member(member)

    @factory.post_generation
    def expertise_themes(member, create, extracted, **kwargs):
        if create and extracted:
            member.expertise_themes.set(Theme.objects.filter(slug__in=extracted))


def member_user(member: Member, role: str = Membership.Role.EDITOR, **kwargs):
    """A user acting for `member` in `role` (granted through members.roles.grant_role)."""
    user = UserFactory(**kwargs)
    grant_role(user, member, role)
    return user


def make_image(title: str = "Language café", *, description: str = "", width: int = 800, height: int = 500):
    """A Wagtail image with a real PNG file (Pillow-drawn), so renditions can be generated from it."""
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    buffer = BytesIO()
    PILImage.new("RGB", (width, height), (31, 96, 160)).save(buffer, format="PNG")
    return Image.objects.create(
        title=title, description=description, file=ImageFile(buffer, name=f"{title.lower()[:20]}.png")
    )
