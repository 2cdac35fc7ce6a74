"""Public newsletter pages: subscribe, confirm, the personal preferences page and unsubscribing.

None of them is cached (forms with a CSRF token, or personal pages). The personal pages are reached by
a signed link (newsletter/tokens.py): no account is needed.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core.rate_limits import rate_limit

from . import actions
from .forms import PreferencesForm, SubscribeForm
from .models import Subscription
from .tokens import personal_token, subscription_from_confirmation_token, subscription_from_personal_token


def invalid_link(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletter/invalid_link.html", status=404)


def initial_language() -> str:
    return (get_language() or "en").split("-")[0]


@require_http_methods(["GET", "POST"])
@rate_limit("newsletter_subscribe", method="POST")
def subscribe(request: HttpRequest) -> HttpResponse:
    """/newsletter/: anyone subscribes by email; the confirmation link completes it."""
    user = request.user if request.user.is_authenticated else None
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if form.is_valid():
            subscription = actions.subscribe(
                form.cleaned_data["email"], user=user, **form.subscription_kwargs()
            )
            confirmed = subscription.is_confirmed and user is not None
            return render(request, "newsletter/subscribed.html", {"confirmed": confirmed})
    else:
        form = SubscribeForm(initial={"language": initial_language(), "email": getattr(user, "email", "")})
    return render(request, "newsletter/subscribe.html", {"form": form})


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """Opening the link shows a button, so a mail scanner following links confirms nothing."""
    subscription = subscription_from_confirmation_token(token)
    if subscription is None or subscription.status == Subscription.Status.UNSUBSCRIBED:
        return invalid_link(request)
    if request.method == "POST":
        actions.confirm(subscription)
        messages.success(request, _("Your subscription is confirmed. The next digest is on its way."))
        return HttpResponseRedirect(preferences_path(subscription))
    return render(request, "newsletter/confirm.html", {"subscription": subscription})


def preferences_path(subscription: Subscription) -> str:
    return reverse("newsletter:preferences", kwargs={"token": personal_token(subscription)})


@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest, token: str) -> HttpResponse:
    """The personal page: change priorities, themes and language, unsubscribe, or delete everything."""
    subscription = subscription_from_personal_token(token)
    if subscription is None:
        return invalid_link(request)
    if request.method == "POST" and request.POST.get("action") == "erase":
        actions.erase(subscription)
        return render(request, "newsletter/erased.html")
    if request.method == "POST" and request.POST.get("action") == "resubscribe":
        actions.confirm(subscription)
        messages.success(request, _("You are subscribed again."))
        return HttpResponseRedirect(request.path)
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            actions.update_preferences(
                subscription,
                priorities=form.cleaned_data["priorities"],
                themes=form.cleaned_data["themes"],
                language=form.cleaned_data["language"],
            )
            messages.success(request, _("Your choices are saved."))
            return HttpResponseRedirect(request.path)
    else:
        form = PreferencesForm(
            initial={
                "priorities": list(subscription.priorities.all()),
                "themes": list(subscription.themes.all()),
                "language": subscription.language,
            }
        )
    return render(
        request,
        "newsletter/preferences.html",
        {"form": form, "subscription": subscription, "unsubscribe_url": unsubscribe_path(token)},
    )


def unsubscribe_path(token: str) -> str:
    return reverse("newsletter:unsubscribe", kwargs={"token": token})


# RFC 8058: a mail program unsubscribes with a POST of "List-Unsubscribe=One-Click" to the link in the
# List-Unsubscribe header, without cookies, so there is no CSRF token to send. The signed link is the
# credential; unsubscribing is all it can do here, and it signs nobody in.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    subscription = subscription_from_personal_token(token)
    if subscription is None:
        return invalid_link(request)
    if request.method == "POST":
        actions.unsubscribe(subscription)
        return render(
            request, "newsletter/unsubscribed.html", {"preferences_url": preferences_path(subscription)}
        )
    return render(request, "newsletter/unsubscribe.html", {"subscription": subscription})
