from django.urls import path

from thidua.scoring.views import clusters, ranking, scorecards, sheets

app_name = "scoring"
urlpatterns = [
    path("", clusters.cluster_list, name="cluster_list"),
    path("cum/them/", clusters.cluster_create, name="cluster_create"),
    path("cum/<int:cluster_id>/", clusters.cluster_detail, name="cluster_detail"),
    path("cum/<int:cluster_id>/thanh-vien/", clusters.membership_add, name="membership_add"),
    path("cum/<int:cluster_id>/thanh-vien/chuyen-nam/", clusters.membership_copy, name="membership_copy"),
    path(
        "cum/<int:cluster_id>/thanh-vien/<int:membership_id>/xoa/",
        clusters.membership_remove,
        name="membership_remove",
    ),
    path("cum/<int:cluster_id>/giao-uoc/", clusters.covenant_save, name="covenant_save"),
    path("cum/<int:cluster_id>/bang-diem/them/", clusters.scorecard_create, name="scorecard_create"),
    path("bang-diem/<int:scorecard_id>/", scorecards.scorecard_detail, name="scorecard_detail"),
    path("bang-diem/<int:scorecard_id>/nhom/", scorecards.group_add, name="group_add"),
    path("bang-diem/<int:scorecard_id>/tieu-chi/", scorecards.criterion_add, name="criterion_add"),
    path(
        "bang-diem/<int:scorecard_id>/tieu-chi/<int:criterion_id>/xoa/",
        scorecards.criterion_delete,
        name="criterion_delete",
    ),
    path(
        "bang-diem/<int:scorecard_id>/chuyen/<str:command>/",
        scorecards.scorecard_transition,
        name="scorecard_transition",
    ),
    path("bang-diem/<int:scorecard_id>/don-vi/<int:unit_id>/", sheets.unit_sheet, name="unit_sheet"),
    path(
        "bang-diem/<int:scorecard_id>/don-vi/<int:unit_id>/minh-chung/<int:criterion_id>/",
        sheets.evidence_upload,
        name="evidence_upload",
    ),
    path("bang-diem/<int:scorecard_id>/don-vi/<int:unit_id>/nop/", sheets.unit_submit, name="unit_submit"),
    path(
        "bang-diem/<int:scorecard_id>/tham-dinh/<int:unit_id>/<str:level>/",
        sheets.unit_verify,
        name="unit_verify",
    ),
    path("bang-diem/<int:scorecard_id>/xep-hang/", ranking.ranking, name="ranking"),
    path("bang-diem/<int:scorecard_id>/xep-hang/tinh/", ranking.ranking_compute, name="ranking_compute"),
    path("bang-diem/<int:scorecard_id>/cong-bo/", ranking.ranking_publish, name="ranking_publish"),
    path("minh-chung/<int:evidence_id>/", sheets.evidence_download, name="evidence_download"),
]
