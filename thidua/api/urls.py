"""The REST API under /api/: version 1 at /api/v1/, the schema at /api/schema/, the docs at /api/docs/."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny
from rest_framework.routers import SimpleRouter

from thidua.api.views import (
    applications,
    council,
    docs,
    exchange,
    proposals,
    register,
    registry,
    regulations,
    work,
)
from thidua.api.views.base import NotFoundView

app_name = "api"

router = SimpleRouter(trailing_slash=True)
router.register("admin-units", registry.AdminUnitViewSet, basename="admin-unit")
router.register("units", registry.UnitViewSet, basename="unit")
router.register("people", registry.PersonViewSet, basename="person")
router.register("movements", work.MovementViewSet, basename="movement")
router.register("indicators", work.IndicatorViewSet, basename="indicator")
router.register("targets", work.TargetViewSet, basename="target")
router.register("clusters", work.ClusterViewSet, basename="cluster")
router.register("scorecards", work.ScorecardViewSet, basename="scorecard")
router.register("proposals", proposals.ProposalViewSet, basename="proposal")
router.register("councils", council.CouncilViewSet, basename="council")
router.register("council-sessions", council.CouncilSessionViewSet, basename="council-session")
router.register("decisions", register.DecisionViewSet, basename="decision")
router.register("awards", register.AwardViewSet, basename="award")

v1 = [
    path("me/", registry.MeView.as_view(), name="me"),
    path("applications/", applications.DossierListView.as_view(), name="applications"),
    re_path(
        r"^applications/(?P<code>[0-9A-Za-z.\-]{1,60})/$",
        applications.DossierStatusView.as_view(),
        name="application-status",
    ),
    path("regulations/prize", regulations.PrizeView.as_view(), name="regulations-prize"),
    path("regulations/check", regulations.CheckView.as_view(), name="regulations-check"),
    path("regulations/deadline", regulations.DeadlineView.as_view(), name="regulations-deadline"),
    path("regulations/words", regulations.WordsView.as_view(), name="regulations-words"),
    path("regulations/authority", regulations.AuthorityView.as_view(), name="regulations-authority"),
    path("exchange/awards.json", exchange.AwardsJsonView.as_view(), name="exchange-awards-json"),
    path("exchange/awards.xlsx", exchange.AwardsXlsxView.as_view(), name="exchange-awards-xlsx"),
    path("exchange/awards/import", exchange.AwardsImportView.as_view(), name="exchange-awards-import"),
    path("exchange/decisions.json", exchange.DecisionsJsonView.as_view(), name="exchange-decisions-json"),
    path("exchange/decisions.xlsx", exchange.DecisionsXlsxView.as_view(), name="exchange-decisions-xlsx"),
    *router.urls,
]

urlpatterns = [
    path("v1/", include(v1)),
    path("schema/", SpectacularAPIView.as_view(permission_classes=[AllowAny]), name="schema"),
    path("docs/", docs.api_docs, name="docs"),
    re_path(r"", NotFoundView.as_view(), name="not-found"),
]
