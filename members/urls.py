from django.urls import path

from . import team_views, views

app_name = "members"

urlpatterns = [
    path("members/", views.member_list, name="list"),
    path("members/join/", views.join, name="join"),
    path("members/join/thanks/", views.join_thanks, name="join_thanks"),
    path("members/invitation/<uidb64>/<token>/", views.InvitationView.as_view(), name="invitation"),
    path("members/invitations/<str:token>/", team_views.accept, name="accept_invitation"),
    path("members/<slug:slug>/", views.member_detail, name="detail"),
    path("members/<slug:slug>/manage/", team_views.team, name="team"),
    path("members/<slug:slug>/manage/profile/", team_views.edit_profile, name="edit_profile"),
    path("members/<slug:slug>/manage/invite/", team_views.invite, name="invite"),
    path("members/<slug:slug>/manage/roles/", team_views.change_team_role, name="change_role"),
    path(
        "members/<slug:slug>/manage/invitations/<id:pk>/cancel/",
        team_views.cancel_team_invitation,
        name="cancel_invitation",
    ),
]
