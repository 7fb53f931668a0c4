"""Movement screens: list, draft, launch, registrations. Thin: parse → gate → service → render."""

from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.accounts.permissions import units_in_scope
from thidua.core.errors import DomainError, ValidationFailed
from thidua.movements import registrations as regs
from thidua.movements import selectors, services, workflow
from thidua.movements.forms import (
    CommitmentForm,
    LaunchForm,
    MovementForm,
    ParticipantsForm,
    ReasonForm,
    RecipientFormSet,
    RegistrationLineFormSet,
    ReviewForm,
)
from thidua.movements.models import Movement, MovementStatus, RegistrationStatus, SubjectKind
from thidua.movements.permissions import (
    access_movement,
    access_registration,
    can_edit_registration,
    can_manage_movement,
    user_roles,
)

NAV = "movements"


def _fail(request: HttpRequest, exc: DomainError) -> None:
    messages.error(request, str(exc))


@login_required
def movement_list(request: HttpRequest) -> HttpResponse:
    """List the movements the user may see."""
    year = request.GET.get("year", "")
    movements = selectors.movement_list(request.user, year=int(year) if year.isdigit() else None)
    launchers = units_in_scope(request.user, roles=workflow.LAUNCHER_ROLES).order_by("path")
    return render(
        request,
        "movements/list.html",
        {
            "nav_active": NAV,
            "movements": movements,
            "year": year,
            "can_create": launchers.exists(),
        },
    )


def _movement_form_data(form: MovementForm) -> dict[str, Any]:
    return {k: v for k, v in form.cleaned_data.items() if k != "items"}


@login_required
def movement_create(request: HttpRequest) -> HttpResponse:
    """Draft a new movement for a unit where the user may launch."""
    launchers = units_in_scope(request.user, roles=workflow.LAUNCHER_ROLES).order_by("path")
    launcher = launchers.filter(pk=request.GET.get("launcher") or request.POST.get("launcher") or 0).first()
    launcher = launcher or launchers.first()
    if launcher is None:
        raise Http404
    form = MovementForm(request.POST or None, launcher=launcher, initial={"place_name": launcher.place_name})
    if request.method == "POST" and form.is_valid():
        try:
            movement = services.movement_create(
                actor=request.user, launcher=launcher, items=form.item_list(), **_movement_form_data(form)
            )
        except ValidationFailed as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Movement drafted. Choose the participants and the recipients next."))
            return redirect("movements:detail", movement_id=movement.pk)
    return render(
        request,
        "movements/form.html",
        {
            "nav_active": NAV,
            "form": form,
            "launcher": launcher,
            "launchers": launchers,
            "movement": None,
        },
    )


@login_required
def movement_edit(request: HttpRequest, movement_id: int) -> HttpResponse:
    """Edit a draft movement."""
    movement = access_movement(request.user, movement_id, for_write=True)
    if movement.status != MovementStatus.DRAFT:
        messages.error(
            request, _("The launching document is issued; the movement's content can no longer change.")
        )
        return redirect("movements:detail", movement_id=movement.pk)
    fields = [f for f in MovementForm.base_fields if f != "items"]
    initial = {f: getattr(movement, f) for f in fields}
    initial["items"] = "\n\n".join(i.text for i in movement.items.all())
    form = MovementForm(request.POST or None, launcher=movement.launcher, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.movement_update(
                actor=request.user, movement=movement, items=form.item_list(), **_movement_form_data(form)
            )
        except (ValidationFailed, DomainError) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Movement saved."))
            return redirect("movements:detail", movement_id=movement.pk)
    return render(
        request,
        "movements/form.html",
        {"nav_active": NAV, "form": form, "movement": movement, "launcher": movement.launcher},
    )


@login_required
def movement_detail(request: HttpRequest, movement_id: int) -> HttpResponse:
    """Show a movement: content, timeline, document and its delivery, registrations."""
    movement = access_movement(request.user, movement_id)
    manage = can_manage_movement(request.user, movement)
    codes, rows, totals = regs.registration_table(movement)
    mine_ids = set(selectors.registrations_for_user(request.user, movement).values_list("pk", flat=True))
    context = {
        "nav_active": NAV,
        "movement": movement,
        "manage": manage,
        "items": movement.items.all(),
        "milestones": movement.milestones.all(),
        "participants": movement.participants.select_related("unit"),
        "recipients": movement.recipients.prefetch_related("units"),
        "planned_awards": movement.planned_awards.all(),
        "events": movement.events.select_related("actor"),
        "progress": selectors.registration_progress(movement),
        "codes": codes,
        "rows": rows if manage else [r for r in rows if r.registration.pk in mine_ids],
        "totals": totals,
        "commands": workflow.allowed_commands(
            workflow.MOVEMENT_TRANSITIONS, movement.status, user_roles(request.user)
        )
        if manage
        else [],
        "launch_form": LaunchForm(initial={"issued_on": None}),
        "reviews": movement.reviews.select_related("report_document"),
    }
    return render(request, "movements/detail.html", context)


@login_required
def movement_participants(request: HttpRequest, movement_id: int) -> HttpResponse:
    """Choose the participating units and the recipients of the launching document."""
    movement = access_movement(request.user, movement_id, for_write=True)
    scope = units_in_scope(request.user)
    current = movement.participants.all()
    pform = ParticipantsForm(
        request.POST or None,
        prefix="p",
        scope=scope,
        initial={
            "units": [p.unit_id for p in current],
            "include_subtree": all(p.include_subtree for p in current),
        },
    )
    initial_lines = [{"text": r.text, "units": list(r.units.all())} for r in movement.recipients.all()]
    rforms = RecipientFormSet(
        request.POST or None, prefix="r", initial=initial_lines, form_kwargs={"scope": scope}
    )
    if request.method == "POST" and pform.is_valid() and rforms.is_valid():
        specs = [
            services.RecipientSpec(
                text=f.cleaned_data["text"], units=tuple(f.cleaned_data.get("units") or ())
            )
            for f in rforms
            if f.cleaned_data.get("text")
        ]
        try:
            services.movement_set_participants(
                actor=request.user,
                movement=movement,
                units=list(pform.cleaned_data["units"]),
                include_subtree=pform.cleaned_data["include_subtree"],
            )
            services.movement_set_recipients(actor=request.user, movement=movement, recipients=specs)
        except DomainError as exc:
            _fail(request, exc)
        else:
            messages.success(request, _("Participants and recipients saved."))
            return redirect("movements:detail", movement_id=movement.pk)
    return render(
        request,
        "movements/participants.html",
        {"nav_active": NAV, "movement": movement, "pform": pform, "rforms": rforms},
    )


@login_required
def movement_preview(request: HttpRequest, movement_id: int) -> HttpResponse:
    """Show the launching document as it will be issued (a PDF without a number)."""
    from thidua.documents.content import notation_for  # noqa: PLC0415
    from thidua.documents.rendering import build_sheet, render_pdf  # noqa: PLC0415
    from thidua.documents.services import default_letterhead  # noqa: PLC0415
    from thidua.movements.launch_document import launch_content, signer_name  # noqa: PLC0415

    movement = access_movement(request.user, movement_id)
    if movement.launch_document_id:
        return redirect("documents:pdf", document_id=movement.launch_document_id)
    drafting = movement.drafting_unit.abbreviation if movement.drafting_unit else ""
    sheet = build_sheet(
        kind="CONG_VAN",
        letterhead=default_letterhead(movement.launcher),
        notation=notation_for("CONG_VAN", movement.launcher.abbreviation, drafting),
        number=None,
        place_name=movement.place_name,
        issued_on=None,
        subject=movement.title,
        content=launch_content(movement),
        signing_capacity=movement.signing_capacity,
        on_behalf_of=movement.on_behalf_of,
        signer_title=movement.signer_title,
        signer_name=signer_name(movement),
    )
    pdf = render_pdf(sheet)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="du-thao-phat-dong.pdf"'
    return response


@login_required
@require_POST
def movement_launch(request: HttpRequest, movement_id: int) -> HttpResponse:
    """Issue the launching document and distribute it."""
    movement = access_movement(request.user, movement_id, for_write=True)
    form = LaunchForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the date of the document as dd/mm/yyyy."))
        return redirect("movements:detail", movement_id=movement.pk)
    try:
        services.movement_launch(
            actor=request.user, movement=movement, issued_on=form.cleaned_data["issued_on"]
        )
    except DomainError as exc:
        _fail(request, exc)
    else:
        movement.refresh_from_db()
        doc = movement.launch_document
        messages.success(
            request,
            _("Launched: document %(symbol)s issued and sent to the recipients.")
            % {"symbol": doc.symbol if doc else ""},
        )
    return redirect("movements:detail", movement_id=movement.pk)


@login_required
@require_POST
def movement_command(request: HttpRequest, movement_id: int, command: str) -> HttpResponse:
    """Start, review, close or reopen a movement."""
    movement = access_movement(request.user, movement_id, for_write=True)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.movement_transition(actor=request.user, movement=movement, command=command, reason=reason)
    except DomainError as exc:
        _fail(request, exc)
    return redirect("movements:detail", movement_id=movement.pk)


@login_required
@require_POST
def movement_copy(request: HttpRequest, movement_id: int) -> HttpResponse:
    """Start next year's movement from this one."""
    movement = access_movement(request.user, movement_id, for_write=True)
    copy = services.movement_copy(actor=request.user, source=movement, year=movement.year + 1)
    messages.success(request, _("Copied into a draft for %(year)s.") % {"year": copy.year})
    return redirect("movements:edit", movement_id=copy.pk)


@login_required
def registration_detail(request: HttpRequest, registration_id: int) -> HttpResponse:
    """Fill in and send a unit's registration, or decide on it as the launcher."""
    registration = access_registration(request.user, registration_id)
    movement = registration.movement
    editable = (
        can_edit_registration(request.user, registration)
        and registration.status in workflow.REGISTRATION_EDITABLE
    )
    deciding = can_manage_movement(request.user, movement) and registration.status == RegistrationStatus.SENT
    lines = [
        {"award_code": ln.award_code, "subject": ln.subject, "count": ln.count, "person": ln.person}
        for ln in registration.lines.select_related("person")
    ]
    cform = CommitmentForm(request.POST or None, initial={"commitment": registration.commitment})
    lforms = RegistrationLineFormSet(
        request.POST or None, prefix="l", initial=lines, form_kwargs={"unit": registration.unit}
    )
    if request.method == "POST" and editable and cform.is_valid() and lforms.is_valid():
        specs = [
            regs.LineSpec(
                award_code=f.cleaned_data["award_code"],
                subject=f.cleaned_data["subject"],
                count=f.cleaned_data.get("count") or 1,
                person=f.cleaned_data.get("person"),
            )
            for f in lforms
            if f.cleaned_data.get("award_code")
        ]
        try:
            regs.registration_save(
                actor=request.user,
                registration=registration,
                commitment=cform.cleaned_data["commitment"],
                lines=specs,
            )
            if "send" in request.POST:
                regs.registration_send(actor=request.user, registration=registration)
                messages.success(request, _("Registration sent."))
            else:
                messages.success(request, _("Registration saved."))
            return redirect("movements:registration", registration_id=registration.pk)
        except DomainError as exc:
            _fail(request, exc)
    return render(
        request,
        "movements/registration.html",
        {
            "nav_active": NAV,
            "registration": registration,
            "movement": movement,
            "editable": editable,
            "deciding": deciding,
            "cform": cform,
            "lforms": lforms,
            "lines": registration.lines.select_related("person"),
            "events": registration.events.select_related("actor"),
            "subject_individual": SubjectKind.INDIVIDUAL,
        },
    )


@login_required
@require_POST
def registration_decide(request: HttpRequest, registration_id: int, command: str) -> HttpResponse:
    """Accept or return a sent registration."""
    registration = access_registration(request.user, registration_id)
    if not can_manage_movement(request.user, registration.movement):
        raise Http404
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        if command == "accept":
            regs.registration_accept(actor=request.user, registration=registration)
        elif command == "return":
            regs.registration_return(actor=request.user, registration=registration, reason=reason)
        else:
            raise Http404
    except DomainError as exc:
        _fail(request, exc)
    return redirect("movements:registration", registration_id=registration.pk)


@login_required
def registration_export(request: HttpRequest, movement_id: int) -> HttpResponse:
    """Download the consolidated registration table as .xlsx."""
    from thidua.movements.exports import registration_workbook  # noqa: PLC0415

    movement: Movement = access_movement(request.user, movement_id, for_write=True)
    response = HttpResponse(
        registration_workbook(movement),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="dang-ky-thi-dua-{movement.year}.xlsx"'
    return response


@login_required
@require_POST
def review_create(request: HttpRequest, movement_id: int) -> HttpResponse:
    """Prepare an interim or final review report."""
    from thidua.movements import reviews  # noqa: PLC0415
    from thidua.movements.forms import DATE_FORMATS  # noqa: PLC0415

    movement = access_movement(request.user, movement_id, for_write=True)
    held_on = None
    for fmt in DATE_FORMATS:
        try:
            held_on = datetime.strptime(request.POST.get("held_on", "").strip(), fmt).date()  # noqa: DTZ007
            break
        except ValueError:
            continue
    if held_on is None:
        messages.error(request, _("Enter the date of the review as dd/mm/yyyy."))
        return redirect("movements:detail", movement_id=movement.pk)
    try:
        review = reviews.review_create(
            actor=request.user, movement=movement, kind=request.POST.get("kind", ""), held_on=held_on
        )
    except DomainError as exc:
        _fail(request, exc)
        return redirect("movements:detail", movement_id=movement.pk)
    return redirect("movements:review", review_id=review.pk)


@login_required
def review_detail(request: HttpRequest, review_id: int) -> HttpResponse:
    """Edit a review's report text, preview it, issue it and download it."""
    from thidua.movements import reviews  # noqa: PLC0415
    from thidua.movements.models import Review  # noqa: PLC0415

    try:
        review = Review.objects.select_related("movement", "report_document").get(pk=review_id)
    except Review.DoesNotExist:
        raise Http404 from None
    movement = access_movement(request.user, review.movement_id)
    manage = can_manage_movement(request.user, movement)
    form = ReviewForm(request.POST or None, initial={"summary": review.summary})
    launch_form = LaunchForm(request.POST or None)
    if request.method == "POST" and manage:
        try:
            if "issue" in request.POST and launch_form.is_valid():
                if form.is_valid():
                    reviews.review_update(
                        actor=request.user, review=review, summary=form.cleaned_data["summary"]
                    )
                reviews.review_issue_report(
                    actor=request.user, review=review, issued_on=launch_form.cleaned_data["issued_on"]
                )
                messages.success(request, _("Report issued."))
            elif form.is_valid():
                reviews.review_update(actor=request.user, review=review, summary=form.cleaned_data["summary"])
                messages.success(request, _("Report saved."))
            return redirect("movements:review", review_id=review.pk)
        except DomainError as exc:
            _fail(request, exc)
    return render(
        request,
        "movements/review.html",
        {
            "nav_active": NAV,
            "review": review,
            "movement": movement,
            "manage": manage,
            "form": form,
            "launch_form": launch_form,
        },
    )
