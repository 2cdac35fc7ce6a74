from django.urls import path

from . import views

app_name = "practices"

urlpatterns = [
    path("priorities/<slug:slug>/", views.priority_detail, name="priority"),
]
