"""Targets (chỉ tiêu): indicators, a unit's plan for a year, and the actuals reported per period."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.models import BaseModel
from thidua.organization.models import Unit
from thidua.targets import calculation
from thidua.targets.sentences import SentenceStyle, Wording


class Direction(models.TextChoices):
    """Which way an indicator improves."""

    HIGHER = "HIGHER", _("Higher is better")  # income, revenue, area, schools
    LOWER = "LOWER", _("Lower is better")  # poverty rate, accidents


class IndicatorKind(models.TextChoices):
    """What an indicator's figure is."""

    VALUE = "VALUE", _("Quantity")  # an amount in a unit of measure: 105.920 triệu đồng, 6.764 ha
    RATIO = "RATIO", _("Count out of a whole")  # 26 of 34 schools; the whole is the denominator
    RATE = "RATE", _("Rate")  # a percentage: the poverty rate 6,9%


class Aggregation(models.TextChoices):
    """How an indicator rolls up from communes to the district or province."""

    SUM = "SUM", _("Add up")  # revenue, area, output, counts (numerators and denominators both add)
    WEIGHTED = "WEIGHTED", _("Weighted mean")  # rates, weighted by their denominator (e.g. households)
    NONE = "NONE", _("Does not roll up")  # income per head: only the higher level's own figure counts


SENTENCE_STYLE_CHOICES = [
    (SentenceStyle.VALUE.value, _("Value only")),
    (SentenceStyle.VALUE_VS_PREVIOUS.value, _("Value and change against the previous year")),
    (SentenceStyle.VALUE_VS_PLAN.value, _("Value and percent of plan")),
    (SentenceStyle.VALUE_VS_PLAN_AND_PREVIOUS.value, _("Value, percent of plan and change in percent")),
    (SentenceStyle.RATE_REDUCTION.value, _("Rate reduced during the year, against the plan")),
    (SentenceStyle.RATIO.value, _("Count out of a whole with its share")),
    (SentenceStyle.COUNT_RATIO.value, _("Count out of a whole, figure first")),
]


class Indicator(BaseModel):
    """A socio-economic indicator that units plan and report, and how it is put into words."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    phrase = models.CharField(
        _("wording in sentences"),
        max_length=255,
        blank=True,
        help_text=_("As written in running text, e.g. “thu nhập bình quân đầu người”. Empty: the name."),
    )
    value_verb = models.CharField(
        _("linking word"),
        max_length=60,
        blank=True,
        help_text=_("Word between the wording and the figure: “đạt”, “là”, “còn”, or nothing."),
    )
    short_name = models.CharField(_("short wording"), max_length=120, blank=True)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=60)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=IndicatorKind.choices, default=IndicatorKind.VALUE
    )
    aggregation = models.CharField(
        _("roll-up"), max_length=10, choices=Aggregation.choices, default=Aggregation.SUM
    )
    decimals = models.PositiveSmallIntegerField(_("decimal places"), default=0)
    sentence_style = models.CharField(
        _("sentence style"), max_length=40, choices=SENTENCE_STYLE_CHOICES, default=SentenceStyle.VALUE.value
    )
    display_order = models.PositiveIntegerField(_("display order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["display_order", "code"]
        constraints = [models.CheckConstraint(condition=Q(decimals__lte=4), name="indicator_decimals_lte_4")]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name

    @property
    def calc_direction(self) -> calculation.Direction:
        """Return the direction as the pure calculation's enum."""
        return calculation.Direction(self.direction)

    @property
    def wording(self) -> Wording:
        """Return how the indicator is put into words."""
        return Wording(
            phrase=self.phrase or self.name,
            unit_of_measure=self.unit_of_measure,
            style=SentenceStyle(self.sentence_style),
            verb=self.value_verb,
            short_name=self.short_name,
            decimals=self.decimals,
        )


class Target(BaseModel):
    """A unit's plan for one indicator in one year, with last year's actual for comparison."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="targets")
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="targets"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    planned = models.DecimalField(_("plan"), max_digits=20, decimal_places=4, null=True, blank=True)
    previous_actual = models.DecimalField(
        _("previous year's actual"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    denominator = models.DecimalField(
        _("whole (denominator)"),
        max_digits=20,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("For counts out of a whole (34 schools) and the weight of a rate (households)."),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["unit__path", "indicator__display_order", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "indicator", "year"], name="target_unit_indicator_year_uniq"
            )
        ]
        indexes = [models.Index(fields=["year", "indicator"])]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return f"{self.indicator} – {self.unit} – {self.year}"


class PeriodKind(models.TextChoices):
    """The reporting periods of an actual; values are year-to-date at the end of the period."""

    MONTH = "MONTH", _("Month")  # index 1–12
    QUARTER = "QUARTER", _("Quarter")  # index 1–4
    HALF = "HALF", _("Six months")  # index 1–2
    YEAR = "YEAR", _("Year")  # index 1; the figure the sentences use


PERIOD_COUNT = {PeriodKind.MONTH: 12, PeriodKind.QUARTER: 4, PeriodKind.HALF: 2, PeriodKind.YEAR: 1}
PERIOD_MONTHS = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.HALF: 6, PeriodKind.YEAR: 12}


class TargetActual(BaseModel):
    """The figure a unit reported for a target at the end of one period."""

    target = models.ForeignKey(
        Target, verbose_name=_("target"), on_delete=models.CASCADE, related_name="actuals"
    )
    period_kind = models.CharField(_("period"), max_length=10, choices=PeriodKind.choices)
    period_index = models.PositiveSmallIntegerField(_("period number"), default=1)
    value = models.DecimalField(_("actual"), max_digits=20, decimal_places=4)
    denominator = models.DecimalField(
        _("whole (denominator)"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    reported_on = models.DateField(_("reported on"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["target", "period_kind", "period_index"]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "period_kind", "period_index"], name="targetactual_period_uniq"
            ),
            models.CheckConstraint(condition=Q(period_index__gte=1), name="targetactual_index_gte_1"),
        ]
        verbose_name = _("actual")
        verbose_name_plural = _("actuals")

    def __str__(self) -> str:
        return f"{self.target} – {self.period_label}: {self.value}"

    @property
    def period_end_month(self) -> int:
        """Return the month (1–12) in which the period ends."""
        return PERIOD_MONTHS[PeriodKind(self.period_kind)] * self.period_index

    @property
    def period_label(self) -> str:
        """Return the period as officials write it: "Năm", "Quý 2", "6 tháng", "Tháng 3"."""
        return period_label(self.period_kind, self.period_index)

    @property
    def effective_denominator(self) -> Decimal | None:
        """Return the whole reported with the actual, else the target's."""
        return self.denominator if self.denominator is not None else self.target.denominator


def period_label(kind: str, index: int) -> str:
    """Return a period in Vietnamese as written on reports (the same words the import reads)."""
    if kind == PeriodKind.YEAR:
        return "Năm"
    if kind == PeriodKind.HALF:
        return "6 tháng" if index == 1 else "6 tháng cuối năm"
    if kind == PeriodKind.QUARTER:
        return f"Quý {index}"
    return f"Tháng {index}"
