from django.urls import path

from thidua.public.views import disclosure, home, placeholder, verification

app_name = "public"
urlpatterns = [
    path("cong-dan/", placeholder.soon, name="home"),
    path("dich-vu-cong/", placeholder.soon, name="procedures"),
    path("dich-vu-cong/tra-cuu/", placeholder.soon, name="track"),
    path("dich-vu-cong/tai-khoan/", placeholder.soon, name="account"),
    path("cong-dan/ngon-ngu/", home.language, name="language"),
    path("xac-minh/", verification.verify, name="verify"),
    path("xac-minh/<str:token>", verification.verify_token, name="verify_token"),
    path("cong-khai/", disclosure.notices, name="notices"),
    path("cong-khai/<int:notice_id>/", disclosure.notice_detail, name="notice_detail"),
    path("cong-khai/<int:notice_id>/gop-y/", disclosure.notice_comment, name="notice_comment"),
    path(
        "cong-khai/<int:notice_id>/gop-y/da-gui/", disclosure.notice_comment_sent, name="notice_comment_sent"
    ),
]
