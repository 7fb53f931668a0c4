from django.urls import path

from thidua.public.views import accounts, applications, desk, disclosure, home, verification

app_name = "public"
urlpatterns = [
    path("cong-dan/", applications.home, name="home"),
    path("cong-dan/ngon-ngu/", home.language, name="language"),
    path("dich-vu-cong/", applications.procedure_list, name="procedures"),
    path("dich-vu-cong/thu-tuc/<int:procedure_id>/", applications.procedure_detail, name="procedure"),
    path("dich-vu-cong/thu-tuc/<int:procedure_id>/nop/", applications.apply, name="apply"),
    path("dich-vu-cong/tra-cuu/", applications.track, name="track"),
    path("dich-vu-cong/tai-khoan/", applications.account, name="account"),
    path("dich-vu-cong/dang-ky/", accounts.register, name="register"),
    path("dich-vu-cong/xac-nhan/", accounts.verify_account, name="verify_account"),
    path("dich-vu-cong/dang-nhap/", accounts.login, name="login"),
    path("dich-vu-cong/dang-xuat/", accounts.logout, name="logout"),
    path("dich-vu-cong/quen-mat-khau/", accounts.reset_request, name="reset_request"),
    path("dich-vu-cong/dat-lai-mat-khau/", accounts.reset, name="reset"),
    path("dich-vu-cong/ho-so/<int:application_id>/", applications.application_detail, name="application"),
    path("dich-vu-cong/ho-so/<int:application_id>/tep/", applications.file_upload, name="file_upload"),
    path(
        "dich-vu-cong/ho-so/<int:application_id>/tep/<int:file_id>/",
        applications.file_download,
        name="file_download",
    ),
    path(
        "dich-vu-cong/ho-so/<int:application_id>/tep/<int:file_id>/xoa/",
        applications.file_delete,
        name="file_delete",
    ),
    path("dich-vu-cong/ho-so/<int:application_id>/bo-sung/", applications.supplement, name="supplement"),
    path("dich-vu-cong/ho-so/<int:application_id>/rut/", applications.withdraw, name="withdraw"),
    path("dich-vu-cong/ho-so/<int:application_id>/giay-tiep-nhan.pdf", applications.receipt, name="receipt"),
    path(
        "dich-vu-cong/ho-so/<int:application_id>/ket-qua/<slug:kind>.pdf",
        applications.result_file,
        name="result_file",
    ),
    path(
        "dich-vu-cong/ho-so/<int:application_id>/phieu-bo-sung/<int:supplement_id>.pdf",
        applications.slip,
        {"kind": "bo-sung"},
        name="supplement_slip",
    ),
    path(
        "dich-vu-cong/ho-so/<int:application_id>/phieu-tu-choi.pdf",
        applications.slip,
        {"kind": "tu-choi"},
        name="refusal_slip",
    ),
    path(
        "tiep-nhan/ho-so/<int:application_id>/phieu-bo-sung/<int:supplement_id>.pdf",
        desk.slip,
        {"kind": "bo-sung"},
        name="desk_supplement_slip",
    ),
    path(
        "dich-vu-cong/ho-so/<int:application_id>/phieu-hen-lai/<int:supplement_id>.pdf",
        applications.slip,
        {"kind": "hen-lai"},
        name="apology_slip",
    ),
    path(
        "tiep-nhan/ho-so/<int:application_id>/phieu-hen-lai/<int:supplement_id>.pdf",
        desk.slip,
        {"kind": "hen-lai"},
        name="desk_apology_slip",
    ),
    path(
        "tiep-nhan/ho-so/<int:application_id>/phieu-tu-choi.pdf",
        desk.slip,
        {"kind": "tu-choi"},
        name="desk_refusal_slip",
    ),
    path("tiep-nhan/", desk.queue, name="desk"),
    path("tiep-nhan/so-theo-doi.xlsx", desk.logbook, name="desk_logbook"),
    path("tiep-nhan/ho-so/<int:application_id>/", desk.detail, name="desk_detail"),
    path("tiep-nhan/ho-so/<int:application_id>/tep/<int:file_id>/", desk.file_download, name="desk_file"),
    path("tiep-nhan/ho-so/<int:application_id>/giay-tiep-nhan.pdf", desk.receipt, name="desk_receipt"),
    path("tiep-nhan/thu-tuc/", desk.procedure_list, name="desk_procedures"),
    path("tiep-nhan/thu-tuc/them/", desk.procedure_edit, name="desk_procedure_create"),
    path("tiep-nhan/thu-tuc/<int:procedure_id>/", desk.procedure_edit, name="desk_procedure_edit"),
    path("xac-minh/", verification.verify, name="verify"),
    path("xac-minh/<str:token>", verification.verify_token, name="verify_token"),
    path("cong-khai/", disclosure.notices, name="notices"),
    path("cong-khai/<int:notice_id>/", disclosure.notice_detail, name="notice_detail"),
    path("cong-khai/<int:notice_id>/gop-y/", disclosure.notice_comment, name="notice_comment"),
    path(
        "cong-khai/<int:notice_id>/gop-y/da-gui/", disclosure.notice_comment_sent, name="notice_comment_sent"
    ),
]
