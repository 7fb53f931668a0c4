"""URLs of the award register, under /so-khen-thuong/."""

from django.urls import path

from thidua.awards import views

app_name = "awards"
urlpatterns = [
    path("", views.register, name="register"),
    path("xuat-excel/", views.register_export, name="export"),
    path("ca-nhan/<int:person_id>/", views.person_page, name="person"),
    path("ca-nhan/<int:person_id>/ghi/<slug:kind>/", views.person_record, name="person_record"),
    path("don-vi/<int:unit_id>/", views.unit_page, name="unit"),
    path("don-vi/<int:unit_id>/ghi/<slug:kind>/", views.unit_record, name="unit_record"),
    path("khen-thuong/<int:award_id>/thu-hoi/", views.revoke, name="revoke"),
    path("ra-soat/<int:recheck_id>/dong/", views.recheck_close, name="recheck_close"),
    path("nhap-excel/<slug:kind>/", views.register_import, name="import"),
    path("nhap-excel/<slug:kind>/mau.xlsx", views.import_template, name="import_template"),
]
