from django.urls import path

from . import views

app_name = "transfers"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("transfers/requests/new/", views.request_create, name="request_create"),
    path("transfers/requests/<id:pk>/", views.request_detail, name="request_detail"),
    path("transfers/requests/<id:pk>/invite/", views.request_invite, name="request_invite"),
    path("transfers/requests/<id:pk>/close/", views.request_close, name="request_close"),
    path("transfers/invitations/<id:pk>/respond/", views.invitation_respond, name="invitation_respond"),
    path("transfers/projects/<id:pk>/", views.project_detail, name="project_detail"),
    path("transfers/practices/<id:pk>/interest/", views.practice_interest, name="interest"),
    path("transfers/overview/", views.overview, name="overview"),
    path("transfers/overview/projects.csv", views.overview_csv, name="overview_csv"),
]
