from django.urls import path

from thidua.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("khen-thuong-nam/", views.year_report, name="year"),
    path("khen-thuong-nam.<slug:fmt>", views.year_report_file, name="year_file"),
    path("phong-trao/<int:movement_id>/", views.movement_report, name="movement"),
    path("chi-tieu/", views.targets_report, name="targets"),
    path("chi-tieu.xlsx", views.targets_report_file, name="targets_file"),
]
