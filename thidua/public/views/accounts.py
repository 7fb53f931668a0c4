"""Citizens' sign-up, confirmation code, sign-in, sign-out and password reset."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from thidua.core.errors import DomainError, ValidationFailed
from thidua.public.forms import CodeForm, LoginForm, RegisterForm, ResetForm, ResetRequestForm, errors_to_form
from thidua.public.services import accounts as services
from thidua.public.views._citizen import current_citizen, sign_in, sign_out


def _next(request: HttpRequest) -> str:
    nxt = request.POST.get("next") or request.GET.get("next") or ""
    return nxt if nxt and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}) else ""


@never_cache
def register(request: HttpRequest) -> HttpResponse:
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["website"]:
            return redirect("public:verify_account")
        try:
            account = services.account_register(
                full_name=form.cleaned_data["full_name"],
                login=form.cleaned_data["login"],
                password=form.cleaned_data["password"],
                now=timezone.now(),
            )
        except ValidationFailed as exc:
            errors_to_form(form, exc)
        else:
            sign_in(request, account)
            request.session["citizen_next"] = _next(request)
            return redirect("public:verify_account")
    return render(request, "public/account/register.html", {"form": form, "next": _next(request)})


@never_cache
def verify_account(request: HttpRequest) -> HttpResponse:
    account = current_citizen(request)
    if account is None:
        return redirect("public:login")
    if account.verified_at is not None:
        return redirect("public:account")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and "resend" in request.POST:
        services.send_code(account=account, purpose="verify", now=timezone.now())
        messages.info(request, _("A new code is on its way."))
        return redirect("public:verify_account")
    if request.method == "POST" and form.is_valid():
        try:
            services.account_verify(account=account, code=form.cleaned_data["code"], now=timezone.now())
        except ValidationFailed as exc:
            errors_to_form(form, exc)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your account is confirmed."))
            return redirect(request.session.pop("citizen_next", "") or "public:account")
    return render(request, "public/account/verify.html", {"form": form, "account": account})


@never_cache
def login(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account = services.account_authenticate(
                login=form.cleaned_data["login"],
                password=form.cleaned_data["password"],
                address=request.META.get("REMOTE_ADDR", ""),
                now=timezone.now(),
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            sign_in(request, account)
            if account.verified_at is None:
                request.session["citizen_next"] = _next(request)
                return redirect("public:verify_account")
            return redirect(_next(request) or "public:account")
    return render(request, "public/account/login.html", {"form": form, "next": _next(request)})


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    sign_out(request)
    messages.info(request, _("You have signed out."))
    return redirect("public:home")


@never_cache
def reset_request(request: HttpRequest) -> HttpResponse:
    form = ResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.reset_request(login=form.cleaned_data["login"], now=timezone.now())
        messages.info(request, _("If an account uses this address or number, a code is on its way."))
        return redirect("public:reset")
    return render(request, "public/account/reset_request.html", {"form": form})


@never_cache
def reset(request: HttpRequest) -> HttpResponse:
    form = ResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account = services.reset_password(
                login=form.cleaned_data["login"],
                code=form.cleaned_data["code"],
                password=form.cleaned_data["password"],
                now=timezone.now(),
            )
        except ValidationFailed as exc:
            errors_to_form(form, exc)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            sign_in(request, account)
            messages.success(request, _("Your password is changed."))
            return redirect("public:account")
    return render(request, "public/account/reset.html", {"form": form})
