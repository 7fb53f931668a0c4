"""URLs of targets, under /chi-tieu/."""

from django.urls import path

from thidua.targets import views

app_name = "targets"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("ke-hoach/", views.plan_edit, name="plan"),
    path("<int:target_id>/thuc-hien/", views.actual_edit, name="actual"),
    path("nhap-excel/", views.actuals_import, name="import"),
    path("nhap-excel/mau.xlsx", views.actuals_import_template, name="import_template"),
    path("tong-hop/", views.rollup, name="rollup"),
]
