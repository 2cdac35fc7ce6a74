from django.urls import path

from . import views, views_after

app_name = "events"

urlpatterns = [
    path("events/feed.ics", views.feed, name="feed"),
    path("events/ics/<id:page_id>/", views.event_ics, name="event_ics"),
    path("events/registration/<str:token>/", views.registration_detail, name="registration"),
    path("events/registration/<str:token>/calendar.ics", views.registration_ics, name="registration_ics"),
    path("events/confirm/<str:token>/", views.registration_confirm, name="registration_confirm"),
    path("events/invitation/<str:token>/", views.invitation, name="invitation"),
    path("events/registration/<str:token>/feedback/", views_after.feedback, name="feedback"),
    path("events/registration/<str:token>/certificate.pdf", views_after.certificate, name="certificate"),
    path("events/certificates/", views_after.certificate_verify, name="certificate_verify"),
    path(
        "events/certificates/<str:code>/", views_after.certificate_verify_code, name="certificate_verify_code"
    ),
]
