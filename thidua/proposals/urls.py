from django.urls import path

from thidua.proposals.views import nominees, proposals

app_name = "proposals"
urlpatterns = [
    path("", proposals.proposal_list, name="list"),
    path("them/", proposals.proposal_create, name="create"),
    path("<int:proposal_id>/", proposals.proposal_detail, name="detail"),
    path("<int:proposal_id>/lenh/<slug:command>/", proposals.proposal_command, name="command"),
    path("<int:proposal_id>/kiem-tra/", proposals.proposal_recheck, name="recheck"),
    path("<int:proposal_id>/chuyen-cap-tren/", proposals.proposal_forward, name="forward"),
    path("<int:proposal_id>/cong-khai/", proposals.proposal_notice, name="notice"),
    path("<int:proposal_id>/doi-tuong/them/", nominees.nominee_add, name="nominee_add"),
    path("<int:proposal_id>/ho-so/", nominees.dossier_attach, name="dossier_attach"),
    path("<int:proposal_id>/nhap/", nominees.nominee_import, name="import"),
    path("<int:proposal_id>/danh-sach.xlsx", nominees.nominee_export, name="export"),
    path("doi-tuong/<int:nominee_id>/sua/", nominees.nominee_edit, name="nominee_edit"),
    path("doi-tuong/<int:nominee_id>/xoa/", nominees.nominee_remove, name="nominee_remove"),
    path("ho-so/<int:part_id>/", nominees.dossier_download, name="dossier_download"),
    path("ho-so/<int:part_id>/xoa/", nominees.dossier_remove, name="dossier_remove"),
]
