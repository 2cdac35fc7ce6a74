"""Public pages of the members app: the directory, profiles, joining the network, the invitation."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import PasswordResetConfirmView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from core.page_cache import EVENTS, MEMBERS, PRACTICES, RESOURCES, THEMES
from core.page_cache.memo import form_state, remembered_page
from core.page_cache.pages import cached_page
from core.rate_limits import rate_limit
from core.sections import member_profile_sections

from .actions import submit_application
from .cards import MEMBER_CARDS
from .filters import MemberDirectoryFilter
from .forms import JoinForm
from .models import Member

MEMBERS_PER_PAGE = 20


@cached_page(MEMBERS, THEMES)
def member_list(request: HttpRequest) -> HttpResponse:
    directory = MemberDirectoryFilter(request.GET or None, queryset=Member.objects.active())
    form = directory.form
    filter_state = form_state(form)
    page_obj = remembered_page(
        "member-directory",
        [MEMBERS, THEMES],
        lambda: directory.qs.values_list("pk", flat=True),
        request.GET.get("page"),
        MEMBERS_PER_PAGE,
        filter_state,
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "filter_state": filter_state,
        "page_obj": page_obj,
        "cards": MEMBER_CARDS.render(request, page_obj.object_list, level=3),
        "page_numbers": page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1),
        "query_prefix": f"{query.urlencode()}&" if query else "",
    }
    return render(request, "members/member_list.html", context)


@cached_page(MEMBERS, PRACTICES, EVENTS, RESOURCES, THEMES, time_sensitive=True)
def member_detail(request: HttpRequest, slug: str) -> HttpResponse:
    member = get_object_or_404(
        Member.objects.active()
        .select_related("kind", "logo")
        .prefetch_related("expertise_themes", "assistance_themes", "contact_officers"),
        slug=slug,
    )
    context = {"member": member, "sections": member_profile_sections.sections(member)}
    return render(request, "members/member_detail.html", context)


@rate_limit("join", method="POST", block=False)
def join(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = JoinForm(request.POST)
        if getattr(request, "limited", False):
            context = {"form": form, "rate_limited": True}
            return render(request, "members/join.html", context, status=429)
        if form.is_valid():
            # A filled honeypot gets the same answer as a person, so a bot learns nothing.
            if not form.is_spam:
                submit_application(form.save(commit=False))
            return redirect("members:join_thanks")
    else:
        form = JoinForm()
    return render(request, "members/join.html", {"form": form})


def join_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "members/join_thanks.html")


class InvitationView(PasswordResetConfirmView):
    """The one-time link of an invitation: set a password, be signed in, land in the workspace.
    The token depends on the password hash, so once a password is set the link stops working."""

    template_name = "members/invitation.html"
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    success_url = reverse_lazy("wagtailadmin_home")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is set. Welcome to the network."))
        return response
