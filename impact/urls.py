from django.urls import path

from . import views

app_name = "impact"

urlpatterns = [
    path("impact/", views.dashboard, name="dashboard"),
    path("impact/charts/<slug:slug>.svg", views.chart_svg, name="chart_svg"),
    path("impact/charts/<slug:slug>.csv", views.chart_csv, name="chart_csv"),
]
