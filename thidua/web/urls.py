from django.urls import path

from thidua.web.views import home, registry

app_name = "web"
urlpatterns = [
    path("", home.home, name="home"),
    path("khu-vuc/<slug:area>/", home.area, name="area"),
    path("don-vi/", registry.unit_list, name="unit_list"),
    path("don-vi/them/", registry.unit_edit, name="unit_create"),
    path("don-vi/<int:unit_id>/", registry.unit_detail, name="unit_detail"),
    path("don-vi/<int:unit_id>/sua/", registry.unit_edit, name="unit_edit"),
    path("ca-nhan/", registry.person_list, name="person_list"),
    path("ca-nhan/them/", registry.person_edit, name="person_create"),
    path("ca-nhan/nhap/", registry.person_import, name="person_import"),
    path("ca-nhan/nhap/mau.xlsx", registry.person_import_template, name="person_import_template"),
    path("ca-nhan/<int:person_id>/", registry.person_detail, name="person_detail"),
    path("ca-nhan/<int:person_id>/sua/", registry.person_edit, name="person_edit"),
    path("danh-muc/don-vi-hanh-chinh/", registry.admin_unit_list, name="admin_unit_list"),
    path(
        "danh-muc/don-vi-hanh-chinh/<int:admin_unit_id>/",
        registry.admin_unit_detail,
        name="admin_unit_detail",
    ),
    path("danh-muc/dan-toc/", registry.ethnicity_list, name="ethnicity_list"),
]
