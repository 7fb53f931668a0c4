from django.urls import path

from thidua.decisions import downloads, layout_views, views

app_name = "decisions"
urlpatterns = [
    path("", views.decision_list, name="list"),
    path("them/", views.decision_create, name="create"),
    path("tu-hoi-dong/", views.decision_from_nominees, name="from_nominees"),
    path("<int:decision_id>/", views.decision_detail, name="detail"),
    path("<int:decision_id>/sua/", views.decision_edit, name="edit"),
    path("<int:decision_id>/dong/", views.line_add, name="line_add"),
    path("<int:decision_id>/dong/<int:line_id>/xoa/", views.line_remove, name="line_remove"),
    path("<int:decision_id>/ban-hanh/", views.decision_issue, name="issue"),
    path("<int:decision_id>/huy/", views.decision_cancel, name="cancel"),
    path("<int:decision_id>/quyet-dinh.<str:fmt>", downloads.decision_file, name="file"),
    path("<int:decision_id>/danh-sach.pdf", downloads.appendix_file, name="appendix"),
    path("<int:decision_id>/day-du.pdf", downloads.combined_file, name="combined"),
    path("<int:decision_id>/chi-tien.<str:fmt>", downloads.payment_file, name="payments"),
    path("<int:decision_id>/giay-khen.pdf", downloads.certificates_file, name="certificates"),
    path("phoi-bang/", layout_views.layout_list, name="layouts"),
    path("phoi-bang/them/", layout_views.layout_edit, name="layout_create"),
    path("phoi-bang/<int:layout_id>/", layout_views.layout_edit, name="layout_edit"),
    path("phoi-bang/can-chinh.pdf", layout_views.layout_calibration, name="calibration_default"),
    path("phoi-bang/<int:layout_id>/can-chinh.pdf", layout_views.layout_calibration, name="calibration"),
]
