from django.urls import path

from thidua.public.views import home, placeholder

app_name = "public"
urlpatterns = [
    path("cong-dan/", placeholder.soon, name="home"),
    path("dich-vu-cong/", placeholder.soon, name="procedures"),
    path("dich-vu-cong/tra-cuu/", placeholder.soon, name="track"),
    path("dich-vu-cong/tai-khoan/", placeholder.soon, name="account"),
    path("cong-dan/ngon-ngu/", home.language, name="language"),
    path("xac-minh/", placeholder.soon, name="verify"),
    path("cong-khai/", placeholder.soon, name="notices"),
]
