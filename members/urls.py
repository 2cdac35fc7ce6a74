from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("members/", views.member_list, name="list"),
    path("members/join/", views.join, name="join"),
    path("members/join/thanks/", views.join_thanks, name="join_thanks"),
    path("members/invitation/<uidb64>/<token>/", views.InvitationView.as_view(), name="invitation"),
    path("members/<slug:slug>/", views.member_detail, name="detail"),
]
