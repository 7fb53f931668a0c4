"""Staff pages: stories, photos, consent, and the moderation of citizens' nominations.

Thin: parse → gate (thidua.exemplars.permissions) → service → render. Every object fetched by id goes
through a gate; missing and forbidden both answer 404.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.accounts.permissions import access_person, units_in_scope
from thidua.awards.models import Award
from thidua.core.errors import DomainError, NotFound, ValidationFailed
from thidua.exemplars import selectors, services
from thidua.exemplars.forms import (
    ApproveForm,
    ConsentForm,
    PhotoForm,
    ReasonForm,
    StaffStoryFilterForm,
    StoryForm,
)
from thidua.exemplars.models import ConsentRecord, GoodDeedNomination, NominationStatus, Story, StoryPhoto
from thidua.exemplars.permissions import (
    MODERATORS,
    access_nomination,
    access_story,
    can_edit_unit,
    editable_units,
    is_moderator,
)
from thidua.organization.selectors import paginate

NAV = "exemplars"


def _add_errors(form: Any, exc: ValidationFailed) -> None:
    form.add_error(None, str(exc))
    for name, errs in exc.errors.items():
        for e in errs:
            if name in form.fields:
                form.add_error(name, e)
            elif e != str(exc):
                form.add_error(None, e)


def _render(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    return render(request, template, {"nav_active": NAV, **context}, status=status)


def _page_number(request: HttpRequest) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


# -- stories ------------------------------------------------------------------------------------------------
@login_required
def story_list(request: HttpRequest) -> HttpResponse:
    """List the stories of the user's units."""
    form = StaffStoryFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = selectors.staff_stories(request.user, status=data.get("status", ""), kind=data.get("kind", ""))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "page": paginate(qs, page=_page_number(request), per_page=30),
        "query_string": f"{params.urlencode()}&" if params else "",
        "can_create": editable_units(request.user).exists(),
        "is_moderator": is_moderator(request.user),
    }
    return _render(request, "exemplars/staff/list.html", context)


def _story_fields(request: HttpRequest, form: StoryForm) -> dict[str, Any]:
    d = form.cleaned_data
    person = None
    if d.get("person"):
        try:
            person = access_person(request.user, d["person"])
        except NotFound:
            raise ValidationFailed(
                _("No person with this number in your units."),
                {"person": [_("No person with this number in your units.")]},
            ) from None
    fields = {
        "title": d["title"],
        "summary": d["summary"],
        "body": d["body"],
        "subject_kind": d["subject_kind"],
        "subject_name": d["subject_name"],
        "unit": d["unit"],
        "person": person,
        "movement": d.get("movement"),
        "year": d["year"],
        "show_name": d["show_name"],
        "show_unit": d["show_unit"],
        "show_birth_year": d["show_birth_year"],
    }
    if "award" in form.fields:
        fields["award"] = d.get("award")
    return fields


@login_required
@require_http_methods(["GET", "POST"])
def story_create(request: HttpRequest) -> HttpResponse:
    """Write a new story (draft)."""
    units = editable_units(request.user)
    if not units.exists():
        raise NotFound("units")
    form = StoryForm(
        request.POST or None, units=units, initial={"year": timezone.localdate().year, "show_name": True}
    )
    if request.method == "POST" and form.is_valid():
        try:
            fields = _story_fields(request, form)
            fields["kind"] = form.cleaned_data["kind"]
            story = services.story_create(actor=request.user, **fields)
        except ValidationFailed as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The story was saved as a draft."))
            return redirect("exemplars:staff_story", story.pk)
    return _render(request, "exemplars/staff/story_form.html", {"form": form, "story": None})


def _awards_of(story: Story) -> Any:
    if story.person_id:
        return Award.objects.filter(person_id=story.person_id).order_by("-year", "award_code")
    return Award.objects.filter(unit_id=story.unit_id).order_by("-year", "award_code")


@login_required
@require_http_methods(["GET", "POST"])
def story_edit(request: HttpRequest, story_id: int) -> HttpResponse:
    """Change a story."""
    story = access_story(request.user, story_id, for_write=True)
    initial = {
        "kind": story.kind,
        "title": story.title,
        "summary": story.summary,
        "body": story.body,
        "subject_kind": story.subject_kind,
        "subject_name": story.subject_name,
        "unit": story.unit,
        "person": story.person_id,
        "movement": story.movement,
        "award": story.award,
        "year": story.year,
        "show_name": story.show_name,
        "show_unit": story.show_unit,
        "show_birth_year": story.show_birth_year,
    }
    form = StoryForm(
        request.POST or None, units=editable_units(request.user), awards=_awards_of(story), initial=initial
    )
    form.fields["kind"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            story = services.story_update(actor=request.user, story=story, **_story_fields(request, form))
        except ValidationFailed as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The story was saved."))
            return redirect("exemplars:staff_story", story.pk)
    return _render(request, "exemplars/staff/story_form.html", {"form": form, "story": story})


@login_required
def story_page(request: HttpRequest, story_id: int) -> HttpResponse:
    """Show a story with its photos, consents and what stops it from being published."""
    story = access_story(request.user, story_id)
    consent = services.active_consent(story)
    context = {
        "story": story,
        "photos": list(story.photos.all()),
        "consents": list(story.consents.select_related("recorded_by")),
        "problems": services.consent_problems(story, consent),
        "can_write": can_edit_unit(request.user, story.unit),
        "nomination": GoodDeedNomination.objects.filter(story=story).first(),
    }
    return _render(request, "exemplars/staff/story.html", context)


@login_required
@require_POST
def story_publish(request: HttpRequest, story_id: int) -> HttpResponse:
    """Publish a story (refused unless its consent covers what it shows)."""
    story = access_story(request.user, story_id, for_write=True)
    try:
        services.story_publish(actor=request.user, story=story, at=timezone.now())
    except ValidationFailed as exc:
        for problem in exc.errors.get("consent", []) or [str(exc)]:
            messages.error(request, problem)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The story is published."))
    return redirect("exemplars:staff_story", story.pk)


@login_required
@require_http_methods(["GET", "POST"])
def story_withdraw(request: HttpRequest, story_id: int) -> HttpResponse:
    """Take a story off the public pages."""
    story = access_story(request.user, story_id, for_write=True)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.story_withdraw(
                actor=request.user, story=story, at=timezone.now(), reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The story was withdrawn from the public pages."))
        return redirect("exemplars:staff_story", story.pk)
    return _render(
        request,
        "exemplars/staff/reason.html",
        {"form": form, "story": story, "heading": _("Take the story down"), "button": _("Take down")},
    )


# -- photos -------------------------------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def photo_add(request: HttpRequest, story_id: int) -> HttpResponse:
    """Upload a photo; it is stored re-encoded, without EXIF or GPS data."""
    story = access_story(request.user, story_id, for_write=True)
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.photo_add(
                actor=request.user,
                story=story,
                data=d["image"].read(),
                alt_text=d["alt_text"],
                caption=d.get("caption", ""),
            )
        except ValidationFailed as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The photo was added."))
            return redirect("exemplars:staff_story", story.pk)
    return _render(request, "exemplars/staff/photo_form.html", {"form": form, "story": story})


def _story_photo(request: HttpRequest, story_id: int, photo_id: int, *, for_write: bool) -> StoryPhoto:
    story = access_story(request.user, story_id, for_write=for_write)
    photo = StoryPhoto.objects.filter(pk=photo_id, story=story).first()
    if photo is None:
        raise NotFound("photo")
    return photo


@login_required
def photo_file(request: HttpRequest, story_id: int, photo_id: int) -> HttpResponseBase:
    """Serve a story's photo to staff (drafts included); private, never cached."""
    photo = _story_photo(request, story_id, photo_id, for_write=False)
    response = FileResponse(photo.image.open("rb"), content_type=photo.content_type)
    response.headers["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def photo_remove(request: HttpRequest, story_id: int, photo_id: int) -> HttpResponse:
    """Remove a photo."""
    photo = _story_photo(request, story_id, photo_id, for_write=True)
    services.photo_remove(actor=request.user, photo=photo)
    messages.success(request, _("The photo was removed."))
    return redirect("exemplars:staff_story", story_id)


# -- consent ------------------------------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def consent_add(request: HttpRequest, story_id: int) -> HttpResponse:
    """Record the subject's consent."""
    story = access_story(request.user, story_id, for_write=True)
    form = ConsentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_record(
                actor=request.user, story=story, consent=form.as_input(), on=timezone.localdate()
            )
        except ValidationFailed as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The consent was recorded."))
            return redirect("exemplars:staff_story", story.pk)
    return _render(request, "exemplars/staff/consent_form.html", {"form": form, "story": story})


def _consent(request: HttpRequest, story_id: int, consent_id: int, *, for_write: bool) -> ConsentRecord:
    story = access_story(request.user, story_id, for_write=for_write)
    consent = ConsentRecord.objects.filter(pk=consent_id, story=story).select_related("story").first()
    if consent is None:
        raise NotFound("consent")
    return consent


@login_required
@require_POST
def consent_withdraw(request: HttpRequest, story_id: int, consent_id: int) -> HttpResponse:
    """Record that consent was withdrawn: the story leaves the public pages at once."""
    consent = _consent(request, story_id, consent_id, for_write=True)
    try:
        services.consent_withdraw(
            actor=request.user, consent=consent, on=timezone.localdate(), at=timezone.now()
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The consent was withdrawn; the story is no longer public."))
    return redirect("exemplars:staff_story", story_id)


@login_required
def consent_scan(request: HttpRequest, story_id: int, consent_id: int) -> HttpResponseBase:
    """Download the scanned consent form (staff only, never cached)."""
    consent = _consent(request, story_id, consent_id, for_write=False)
    if not consent.scan:
        raise NotFound("scan")
    name = str(consent.scan.name).rsplit("/", 1)[-1]
    response = FileResponse(consent.scan.open("rb"), as_attachment=True, filename=name)
    response.headers["Cache-Control"] = "private, no-store"
    return response


# -- moderation ---------------------------------------------------------------------------------------------
@login_required
def moderation_queue(request: HttpRequest) -> HttpResponse:
    """List the nominations waiting for the user's moderation."""
    if not is_moderator(request.user):
        raise NotFound("queue")
    status = request.GET.get("status", NominationStatus.PENDING)
    if status not in NominationStatus.values:
        status = NominationStatus.PENDING
    qs = selectors.moderation_queue(request.user, status=status)
    context = {
        "page": paginate(qs, page=_page_number(request), per_page=30),
        "status": status,
        "statuses": NominationStatus.choices,
        "query_string": f"status={status}&",
    }
    return _render(request, "exemplars/staff/queue.html", context)


def _approve_form(request: HttpRequest, nomination: GoodDeedNomination, data: Any = None) -> ApproveForm:
    initial = {
        "title": _("Good deed in %(place)s") % {"place": nomination.place},
        "summary": nomination.what_happened[:300],
        "body": nomination.what_happened,
        "unit": nomination.unit,
    }
    return ApproveForm(data, units=units_in_scope(request.user, roles=MODERATORS), initial=initial)


def _nomination_page(
    request: HttpRequest,
    nomination: GoodDeedNomination,
    *,
    approve: ApproveForm | None = None,
    consent: ConsentForm | None = None,
    reject: ReasonForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "nomination": nomination,
        "statements": list(nomination.statements.all()),
        "approve_form": approve or _approve_form(request, nomination),
        "consent_form": consent
        or ConsentForm(prefix="consent", initial={"giver_name": nomination.nominee_name}),
        "reject_form": reject or ReasonForm(prefix="reject"),
    }
    return _render(request, "exemplars/staff/nomination.html", context, status=status)


@login_required
def nomination_page(request: HttpRequest, nomination_id: int) -> HttpResponse:
    """Show a nomination with its statements, and the approve and reject forms."""
    nomination = access_nomination(request.user, nomination_id)
    return _nomination_page(request, nomination)


@login_required
@require_POST
def nomination_approve(request: HttpRequest, nomination_id: int) -> HttpResponse:
    """Approve a nomination: make a good-deed story of it, record consent, maybe publish."""
    nomination = access_nomination(request.user, nomination_id)
    form = _approve_form(request, nomination, request.POST)
    consent_form = ConsentForm(request.POST, request.FILES, prefix="consent")
    valid = form.is_valid()
    has_consent = valid and form.cleaned_data["has_consent"]
    if valid and (not has_consent or consent_form.is_valid()):
        d = form.cleaned_data
        try:
            story = services.nomination_approve(
                actor=request.user,
                nomination=nomination,
                title=d["title"],
                summary=d["summary"],
                body=d["body"],
                unit=d["unit"],
                consent=consent_form.as_input() if has_consent else None,
                publish=d["publish"],
                photo_alt=d.get("photo_alt", ""),
                on=timezone.localdate(),
                at=timezone.now(),
            )
        except ValidationFailed as exc:
            _add_errors(form, exc)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            if story.is_published:
                messages.success(request, _("The nomination was approved and the good deed is published."))
            else:
                messages.success(request, _("The nomination was approved; the good deed is a draft story."))
            return redirect("exemplars:staff_story", story.pk)
    if not has_consent:
        consent_form = ConsentForm(prefix="consent", initial={"giver_name": nomination.nominee_name})
    return _nomination_page(request, nomination, approve=form, consent=consent_form, status=400)


@login_required
@require_POST
def nomination_reject(request: HttpRequest, nomination_id: int) -> HttpResponse:
    """Reject a nomination with a reason."""
    nomination = access_nomination(request.user, nomination_id)
    form = ReasonForm(request.POST, prefix="reject")
    if form.is_valid():
        try:
            services.nomination_reject(
                actor=request.user,
                nomination=nomination,
                reason=form.cleaned_data["reason"],
                at=timezone.now(),
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The nomination was rejected."))
            return redirect("exemplars:queue")
    return _nomination_page(request, nomination, reject=form, status=400)


@login_required
def nomination_photo(request: HttpRequest, nomination_id: int) -> HttpResponseBase:
    """Serve the nominator's photo to the moderator (private, never cached)."""
    nomination = access_nomination(request.user, nomination_id)
    if not nomination.photo:
        raise NotFound("photo")
    response = FileResponse(nomination.photo.open("rb"), content_type=nomination.photo_content_type)
    response.headers["Cache-Control"] = "private, no-store"
    return response
