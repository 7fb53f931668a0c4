"""The organisation registry: administrative units, units, people and households."""

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.models import BaseModel
from thidua.core.text import clean_text, collation_key, fold, name_sort_key


class DivisionType(models.TextChoices):
    """Kinds of administrative unit (vietnamese.md §8)."""

    TINH = "TINH", _("Province")  # province
    THANH_PHO_TW = "THANH_PHO_TW", _("Centrally run city")  # centrally run city
    XA = "XA", _("Commune")  # commune
    PHUONG = "PHUONG", _("Ward")  # ward
    DAC_KHU = "DAC_KHU", _("Special zone")  # special zone (from 2025)
    HUYEN = "HUYEN", _("Rural district")  # rural district, abolished 01/07/2025
    QUAN = "QUAN", _("Urban district")  # urban district, abolished 01/07/2025
    THI_XA = "THI_XA", _("District-level town")  # town, abolished 01/07/2025
    THANH_PHO_TINH = "THANH_PHO_TINH", _("Provincial city")  # provincial city, abolished 01/07/2025
    THI_TRAN = "THI_TRAN", _("Township")  # township, abolished 01/07/2025


PROVINCE_LEVEL = {DivisionType.TINH, DivisionType.THANH_PHO_TW}
DISTRICT_LEVEL = {DivisionType.HUYEN, DivisionType.QUAN, DivisionType.THI_XA, DivisionType.THANH_PHO_TINH}


class AdminUnit(models.Model):
    """An administrative unit with its official code and the dates it existed.

    Codes are reused: a new commune takes the code of one predecessor, so (code, valid_from) is the key.
    """

    code = models.CharField(_("code"), max_length=5, db_index=True)
    name = models.CharField(_("name"), max_length=120)
    division_type = models.CharField(_("kind"), max_length=20, choices=DivisionType.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    source = models.CharField(_("data source"), max_length=120, blank=True)
    search_key = models.CharField(max_length=200, db_index=True, editable=False)
    successors = models.ManyToManyField(
        "self", symmetrical=False, related_name="predecessors", blank=True, verbose_name=_("successors")
    )

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="adminunit_code_from_uniq")
        ]
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative unit")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name = clean_text(self.name)
        self.search_key = fold(self.name)
        super().save(*args, **kwargs)

    def is_valid_on(self, on: date) -> bool:
        """Tell whether the unit existed on `on`."""
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )


class UnitKind(models.TextChoices):
    """Kinds of body in the unit tree."""

    PEOPLES_COMMITTEE = "PEOPLES_COMMITTEE", _("People's Committee")  # launches movements, awards
    PEOPLES_COUNCIL = "PEOPLES_COUNCIL", _("People's Council")
    PARTY_COMMITTEE = "PARTY_COMMITTEE", _("Party committee")
    MASS_ORGANISATION = "MASS_ORGANISATION", _("Front and mass organisation")  # Fatherland Front, unions
    SPECIALISED_OFFICE = "SPECIALISED_OFFICE", _("Specialised office")  # phòng, sở
    AGENCY = "AGENCY", _("Agency or public service unit")
    SCHOOL = "SCHOOL", _("School")
    HEALTH_STATION = "HEALTH_STATION", _("Health facility")
    ENTERPRISE = "ENTERPRISE", _("Enterprise")
    COOPERATIVE = "COOPERATIVE", _("Cooperative")
    VILLAGE = "VILLAGE", _("Village or residential group")  # subject of THON_VH
    OTHER = "OTHER", _("Other")


class Unit(BaseModel):
    """A body that launches, takes part in, proposes or receives awards; a node of the unit tree.

    `path` is the materialised path of primary keys ("/1/4/9/") so a subtree is one prefix query.
    """

    code = models.CharField(_("unit code"), max_length=40, unique=True)
    name = models.CharField(_("unit name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    abbreviation = models.CharField(
        _("abbreviation"), max_length=20, blank=True, help_text=_("Used in document symbols, e.g. UBND, NV.")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=UnitKind.choices, default=UnitKind.OTHER)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    admin_unit = models.ForeignKey(
        AdminUnit,
        verbose_name=_("administrative unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="units",
    )
    place_name = models.CharField(
        _("place name"), max_length=120, blank=True, help_text=_("Place written on documents, e.g. Tân Uyên.")
    )
    valid_from = models.DateField(_("active from"), null=True, blank=True)
    valid_to = models.DateField(_("active to"), null=True, blank=True)
    is_standing_body = models.BooleanField(_("standing body for emulation and commendation"), default=False)
    email = models.EmailField(_("e-mail"), blank=True)
    search_key = models.CharField(max_length=255, db_index=True, editable=False, default="")
    sort_key = models.CharField(max_length=400, db_index=True, editable=False, default="")

    class Meta:
        ordering = ["path"]
        verbose_name = _("unit")
        verbose_name_plural = _("unit")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name = clean_text(self.name)
        self.short_name = clean_text(self.short_name)
        self.search_key = fold(f"{self.name} {self.short_name}")
        self.sort_key = collation_key(self.name)
        super().save(*args, **kwargs)
        path = f"{self.parent.path if self.parent else '/'}{self.pk}/"
        depth = path.count("/") - 2
        if (path, depth) != (self.path, self.depth):
            self.path, self.depth = path, depth
            Unit.objects.filter(pk=self.pk).update(path=path, depth=depth)
            Person.objects.filter(unit_id=self.pk).update(unit_path=path)
            PersonSearchTerm.objects.filter(person__unit_id=self.pk).update(unit_path=path)

    def is_active_on(self, on: date) -> bool:
        """Tell whether the unit existed on `on`."""
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )


class LineageKind(models.TextChoices):
    """How one unit led to another."""

    MERGE = "MERGE", _("Merger")  # several predecessors into one successor
    SPLIT = "SPLIT", _("Split")  # one predecessor into several successors
    RENAME = "RENAME", _("Rename")  # the same body under a new name
    TRANSFER = "TRANSFER", _("Transfer")  # tasks moved to another body (e.g. district → province)


class UnitLineage(BaseModel):
    """Record that `predecessor` led to `successor` on `effective_on`, so award history follows it."""

    predecessor = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="successor_links")
    successor = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="predecessor_links")
    kind = models.CharField(_("kind"), max_length=10, choices=LineageKind.choices)
    effective_on = models.DateField(_("effective on"))
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="unitlineage_pair_uniq"),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("successor")), name="unitlineage_not_self"
            ),
        ]
        verbose_name = _("unit lineage")
        verbose_name_plural = _("unit lineage")

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class Ethnicity(models.Model):
    """One of the 54 ethnic groups (vietnamese.md §9), shipped as our own data file."""

    code_1979 = models.CharField(_("code (1979 list)"), max_length=2, unique=True)
    code_2008 = models.CharField(_("code (2008 list)"), max_length=2, blank=True)
    name = models.CharField(_("ethnic group"), max_length=60)
    other_names = models.CharField(_("other names"), max_length=255, blank=True)
    is_minority = models.BooleanField(_("ethnic minority"), default=True)
    search_key = models.CharField(max_length=255, editable=False, default="")

    class Meta:
        ordering = ["code_1979"]
        verbose_name = _("ethnicity")
        verbose_name_plural = _("ethnicity")

    def __str__(self) -> str:
        return self.name


class Sex(models.TextChoices):
    """Sex as recorded in the civil record."""

    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


class Person(BaseModel):
    """A natural person who takes part in movements and may be proposed for awards."""

    full_name = models.CharField(_("full name"), max_length=150)
    family_name = models.CharField(_("family name"), max_length=60, blank=True)
    middle_name = models.CharField(_("middle name"), max_length=60, blank=True)
    given_name = models.CharField(_("given name"), max_length=60)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    ethnicity = models.ForeignKey(
        Ethnicity,
        verbose_name=_("ethnicity"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    id_number = models.CharField(_("personal ID number"), max_length=12, null=True, blank=True, unique=True)
    position = models.CharField(_("position"), max_length=150, blank=True)
    is_direct_worker = models.BooleanField(_("direct worker"), default=False)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("current unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )
    sort_key = models.CharField(max_length=400, editable=False, default="")
    search_key = models.CharField(max_length=200, editable=False, default="")
    exact_key = models.CharField(max_length=200, editable=False, default="")
    # The current unit's materialised path, copied so that access scopes filter people without a join
    # and indexes can cover them (kept by save() here and by Unit.save when a unit moves).
    unit_path = models.CharField(max_length=255, editable=False, default="")

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("person")
        indexes = [
            # On PostgreSQL it also covers unit_path and search_key (migration 0005), so the page-key
            # query of the people list reads the index alone.
            models.Index(fields=["sort_key", "id"], name="person_sort_idx"),
            # A subtree's people in order: a range on the path, then a small sort.
            models.Index(fields=["unit_path", "sort_key", "id"], name="person_path_sort_idx"),
            models.Index(fields=["unit", "sort_key", "id"], name="person_unit_sort_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def refresh_keys(self) -> None:
        """Normalise the name parts to NFC and recompute the sort and search keys."""
        self.family_name = clean_text(self.family_name)
        self.middle_name = clean_text(self.middle_name)
        self.given_name = clean_text(self.given_name)
        self.full_name = clean_text(self.full_name) or " ".join(
            p for p in (self.family_name, self.middle_name, self.given_name) if p
        )
        self.sort_key = name_sort_key(
            family_name=self.family_name,
            middle_name=self.middle_name,
            given_name=self.given_name,
            date_of_birth=self.date_of_birth,
            order=settings.THIDUA_NAME_SORT,
        )
        # Spaces at both ends let a query match from the start of any word.
        self.search_key = f" {fold(self.full_name)} "
        # The name as typed (marks kept) but casefolded, to rank exact matches above folded ones.
        self.exact_key = f" {self.full_name.casefold()} "

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.refresh_keys()
        self.unit_path = self.unit.path if self.unit is not None else ""
        super().save(*args, **kwargs)
        PersonSearchTerm.objects.filter(person=self).delete()
        PersonSearchTerm.objects.bulk_create(
            PersonSearchTerm(
                person=self, term=term, exact_term=exact, sort_key=self.sort_key, unit_path=self.unit_path
            )
            for term, exact in self.search_terms()
        )

    def search_terms(self) -> list[tuple[str, str]]:
        """Return (folded, casefolded) name suffixes starting at each word: a search matches their start."""
        folded = self.search_key.split()
        exact = self.exact_key.split()
        return [(" ".join(folded[i:]), " ".join(exact[i:])) for i in range(len(folded))]


class PersonSearchTerm(models.Model):
    """One word-start suffix of a person's name ("văn an" of "Nguyễn Văn An"), kept by Person.save.

    A search is then one range of an index that also holds the sort key and the unit path, whatever the
    number of people, instead of a trigram match followed by a sort of every match.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    term = models.CharField(max_length=200)  # folded, as search_key
    exact_term = models.CharField(max_length=200)  # casefolded with marks, as exact_key
    sort_key = models.CharField(max_length=400)
    unit_path = models.CharField(max_length=255)

    # Indexed by migration 0006 (person_term_idx on term; on PostgreSQL it also carries sort_key,
    # person_id, unit_path and exact_term, so a search reads the index alone).

    def __str__(self) -> str:
        return self.term


class PersonMembership(BaseModel):
    """A period during which a person belonged to a unit, with the position held."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="person_memberships")
    position = models.CharField(_("position"), max_length=150, blank=True)
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        ordering = ["person", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="personmembership_dates_ordered",
            )
        ]
        verbose_name = _("unit membership")
        verbose_name_plural = _("unit membership")

    def __str__(self) -> str:
        return f"{self.person} @ {self.unit}"


class Household(BaseModel):
    """A household, the subject of "Gia đình văn hóa", in a village unit."""

    village = models.ForeignKey(
        Unit, verbose_name=_("village"), on_delete=models.PROTECT, related_name="households"
    )
    head = models.ForeignKey(
        Person,
        verbose_name=_("head of household"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="headed_households",
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    members = models.ManyToManyField(Person, blank=True, related_name="households", verbose_name=_("members"))

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("household")

    def __str__(self) -> str:
        return _("Household of %(name)s") % {"name": self.head.full_name if self.head else self.pk}
