"""Factories for the knowledge-transfer tests."""

import datetime

import factory

from core.models import Priority, Theme
from tests.factories import MemberFactory, UserFactory
from transfers.models import AssistanceInvitation, AssistanceRequest, Milestone, TransferProject


class AssistanceRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssistanceRequest
        skip_postgeneration_save = True

    requesting_member = factory.SubFactory(MemberFactory)
    created_by = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Foster care for unaccompanied minors {n}")
    priority = factory.LazyFunction(lambda: Priority.objects.get(number=1))
    description = "We want to place separated children with families."
    preferred_languages = factory.LazyFunction(lambda: ["it"])

    @factory.post_generation
    def themes(request, create, extracted, **kwargs):
        if create:
            request.themes.set(Theme.objects.filter(slug__in=extracted or ["family-based-care"]))


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssistanceInvitation

    request = factory.SubFactory(AssistanceRequestFactory)
    member = factory.SubFactory(MemberFactory)
    message = "Could you help us?"


class TransferProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TransferProject

    title = factory.Sequence(lambda n: f"Transfer {n}")
    helping_member = factory.SubFactory(MemberFactory)
    receiving_member = factory.SubFactory(MemberFactory)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    project = factory.SubFactory(TransferProjectFactory)
    title = factory.Sequence(lambda n: f"Milestone {n}")
    due_date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=30))
