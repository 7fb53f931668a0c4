"""Top-level URL configuration."""

from django.urls import include, path
from django.views.i18n import set_language

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("tai-khoan/", include("thidua.accounts.urls")),
    path("van-ban/", include("thidua.documents.urls")),
    path("chi-tieu/", include("thidua.targets.urls")),
    path("phong-trao/", include("thidua.movements.urls")),
    path("cham-diem/", include("thidua.scoring.urls")),
    path("so-khen-thuong/", include("thidua.awards.urls")),
    path("de-nghi/", include("thidua.proposals.urls")),
    path("hoi-dong/", include("thidua.council.urls")),
    path("quyet-dinh/", include("thidua.decisions.urls")),
    path("dien-hinh/", include("thidua.exemplars.urls")),
    path("bao-cao/", include("thidua.reports.urls")),
    path("api/", include("thidua.api.urls")),
    path("", include("thidua.public.urls")),
    path("", include("thidua.web.urls")),
]
