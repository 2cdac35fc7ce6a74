"""Admin wiring: members and memberships as snippets, and the review of membership applications."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .forms import MemberAdminForm
from .models import Member, Membership, MembershipApplication, RoleChange
from .permissions import is_network_administrator
from .roles import record_role_change, sync_member_groups
from .translations import submit_translation_urls

# Guards wagtail-localize's "Translate this page" with the page's edit permission (members/translations.py).
hooks.register("register_admin_urls", submit_translation_urls)


class ApplicationPermissionPolicy(ModelPermissionPolicy):
    """Applications arrive through the public form only; nobody creates or copies them in the admin."""

    def user_has_permission(self, user, action):
        if action in {"add", "copy"}:
            return False
        return super().user_has_permission(user, action)


register_permission_policy(MembershipApplication, ApplicationPermissionPolicy(MembershipApplication))


class MemberViewSet(SnippetViewSet):
    model = Member
    icon = "group"
    menu_label = _("Members")
    list_display = ["name", "kind", "country", "city", "offers_assistance", "is_active"]
    list_filter = ["kind", "country", "offers_assistance", "is_active"]
    search_fields = ["name", "city", "region", "description"]
    # Plain icontains: the admin finds members on every database backend without an index refresh.
    search_backend_name = None
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("name"),
                    FieldPanel("slug"),
                    FieldPanel("kind"),
                    FieldRowPanel([FieldPanel("country"), FieldPanel("region"), FieldPanel("city")]),
                    FieldPanel("population"),
                    FieldPanel("languages"),
                ],
                heading=_("Organisation"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("description"),
                    FieldPanel("language"),
                    FieldPanel("logo"),
                    FieldPanel("website"),
                    FieldPanel("expertise_themes"),
                    FieldPanel("offers_assistance"),
                    FieldPanel("assistance_themes"),
                ],
                heading=_("Profile"),
            ),
            InlinePanel("contact_officers", heading=_("Contact officers"), label=_("Contact officer")),
            MultiFieldPanel(
                [FieldPanel("is_active"), FieldPanel("joined_at")], heading=_("Membership of the network")
            ),
        ],
        base_form_class=MemberAdminForm,
    )


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "user"
    menu_label = _("Memberships")
    list_display = ["user", "member", "role"]
    list_filter = ["role", "member"]
    search_fields = ["user__username", "user__email", "member__name"]
    search_backend_name = None
    panels = [FieldPanel("user"), FieldPanel("member"), FieldPanel("role")]


class MembersGroup(SnippetViewSetGroup):
    items = (MemberViewSet, MembershipViewSet)
    menu_icon = "group"
    menu_label = _("Network members")
    menu_name = "network-members"
    menu_order = 250


register_snippet(MembersGroup)


class MembershipApplicationViewSet(ModelViewSet):
    """Listing and review of applications; the "edit" view of an application is its review."""

    model = MembershipApplication
    icon = "form"
    menu_label = _("Membership applications")
    menu_order = 255
    add_to_admin_menu = True
    url_prefix = "membership-applications"
    url_namespace = "members_applications"
    list_display = ["organisation_name", "kind", "country", "status", "submitted_at"]
    list_filter = ["status", "kind", "country"]
    search_fields = ["organisation_name", "contact_name", "contact_email", "city"]
    search_backend_name = None
    form_fields = ["decision_note"]
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_urlpatterns(self):
        patterns = [p for p in super().get_urlpatterns() if p.name not in {"add", "edit"}]
        return patterns + [
            path("review/<id:pk>/", admin_views.review_application, name="review"),
            path("review/<id:pk>/", admin_views.review_application, name="edit"),
        ]


@hooks.register("register_admin_viewset")
def register_membership_application_viewset():
    return MembershipApplicationViewSet()


# Memberships are the source of truth for member roles; a member's groups follow them (members.roles).
# Whichever admin screen changes a membership, or a user's groups, the groups are derived again.


def _is_membership(instance) -> bool:
    return isinstance(instance, Membership)


@hooks.register("before_edit_snippet")
def remember_previous_membership_user(request, instance):
    if _is_membership(instance):
        request._previous_membership_user_id = instance.user_id
        request._previous_membership = (instance.user, instance.member, instance.role)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def derive_groups_after_membership_saved(request, instance):
    if not _is_membership(instance):
        return
    # The audit trail sees admin edits too: an edited row is the old role revoked, the new one granted.
    previous = getattr(request, "_previous_membership", None)
    current = (instance.user, instance.member, instance.role)
    if previous is None or previous != current:
        if previous is not None:
            user, member, role = previous
            record_role_change(user, member, role, RoleChange.Action.REVOKED, request.user)
        record_role_change(
            instance.user, instance.member, instance.role, RoleChange.Action.GRANTED, request.user
        )
    sync_member_groups(instance.user)
    previous = getattr(request, "_previous_membership_user_id", None)
    if previous is not None and previous != instance.user_id:
        user = type(instance.user).objects.filter(pk=previous).first()
        if user is not None:
            sync_member_groups(user)


@hooks.register("after_delete_snippet")
def derive_groups_after_memberships_deleted(request, instances):
    user_model = None
    user_ids = {instance.user_id for instance in instances if _is_membership(instance)}
    for instance in instances:
        if _is_membership(instance):
            record_role_change(
                instance.user, instance.member, instance.role, RoleChange.Action.REVOKED, request.user
            )
    for instance in instances:
        if _is_membership(instance):
            user_model = type(instance.user)
            break
    if user_model is not None:
        for user in user_model.objects.filter(pk__in=user_ids):
            sync_member_groups(user)


@hooks.register("after_edit_user")
def derive_member_groups_after_user_edited(request, user):
    """Member groups ticked or unticked in the user form do not change roles: Memberships do."""
    sync_member_groups(user)


class RoleChangePermissionPolicy(ModelPermissionPolicy):
    """The audit trail is read by network administrators only, and written by members.roles only."""

    def user_has_permission(self, user, action):
        return action in {"view", "inspect"} and is_network_administrator(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(RoleChange, RoleChangePermissionPolicy(RoleChange))


class RoleChangeViewSet(ModelViewSet):
    """Every grant and revocation of a member role: who, when, what (members.roles writes them)."""

    model = RoleChange
    icon = "history"
    menu_label = _("Role changes")
    menu_order = 256
    add_to_admin_menu = True
    url_prefix = "role-changes"
    url_namespace = "members_role_changes"
    list_display = ["at", "actor_name", "user_name", "action", "role", "member_name"]
    list_filter = ["action", "role", "member"]
    search_fields = ["user_name", "actor_name", "member_name"]
    search_backend_name = None
    form_fields = ["role"]  # required by ModelViewSet; the add and edit views are not routed
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_urlpatterns(self):
        return [p for p in super().get_urlpatterns() if p.name in {"index", "index_results", "inspect"}]


@hooks.register("register_admin_viewset")
def register_role_change_viewset():
    return RoleChangeViewSet()
