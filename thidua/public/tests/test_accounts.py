"""Citizens' accounts: sign-up by e-mail or phone, the confirmation code, sign-in throttling, reset."""

import re

import pytest
from django.contrib.auth.hashers import check_password
from django.core import mail

from thidua.core.errors import DomainError, ValidationFailed
from thidua.public.models import CitizenAccount, VerificationCode
from thidua.public.notify import SMS_OUTBOX
from thidua.public.services import accounts as services
from thidua.public.tests.conftest import PASSWORD, at

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Lan@Example.VN", ("lan@example.vn", None)),
        ("+84 912 345 678", (None, "0912345678")),
        ("0912.345.678", (None, "0912345678")),
        ("84912345678", (None, "0912345678")),
        ("12345", (None, None)),
        ("lan@", (None, None)),
    ],
)
def test_logins_are_normalised(typed, expected):
    assert services.normalise_login(typed) == expected


def _code(text: str) -> str:
    match = re.search(r"\b(\d{6})\b", text)
    assert match, text
    return match.group(1)


def test_an_email_account_is_confirmed_with_the_code_sent_to_it(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        account = services.account_register(
            full_name="Lò Thị Lan", login="lan@example.vn", password=PASSWORD, now=at(2026, 8, 20)
        )
    assert account.verified_at is None and check_password(PASSWORD, account.password)
    code = _code(mail.outbox[-1].body)
    assert not VerificationCode.objects.filter(code_hash__contains=code).exists()  # stored hashed
    with pytest.raises(ValidationFailed):
        services.account_verify(
            account=account, code="000000" if code != "000000" else "111111", now=at(2026, 8, 20, 9, 5)
        )
    services.account_verify(account=account, code=code, now=at(2026, 8, 20, 9, 5))
    account.refresh_from_db()
    assert account.verified_at is not None
    with pytest.raises(DomainError):  # used once
        services.account_verify(account=account, code=code, now=at(2026, 8, 20, 9, 6))


def test_a_phone_account_gets_its_code_by_sms_and_codes_expire(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        account = services.account_register(
            full_name="Vàng A Páo", login="0987654321", password=PASSWORD, now=at(2026, 8, 20)
        )
    phone, text = SMS_OUTBOX[-1]
    assert phone == "0987654321"
    with pytest.raises(DomainError):
        services.account_verify(account=account, code=_code(text), now=at(2026, 8, 20, 9, 16))


def test_five_wrong_codes_use_the_code_up(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        account = services.account_register(
            full_name="Lò Thị Lan", login="lan@example.vn", password=PASSWORD, now=at(2026, 8, 20)
        )
    code = _code(mail.outbox[-1].body)
    wrong = "111111" if code != "111111" else "222222"
    for _ in range(5):
        with pytest.raises(ValidationFailed):
            services.account_verify(account=account, code=wrong, now=at(2026, 8, 20, 9, 1))
    with pytest.raises(DomainError):
        services.account_verify(account=account, code=code, now=at(2026, 8, 20, 9, 2))


def test_sign_up_refuses_duplicates_weak_passwords_and_bad_logins():
    services.account_register(
        full_name="Lò Thị Lan", login="lan@example.vn", password=PASSWORD, now=at(2026, 8, 20)
    )
    with pytest.raises(ValidationFailed) as refused:
        services.account_register(full_name="", login="LAN@example.vn", password="123", now=at(2026, 8, 20))
    assert set(refused.value.errors) == {"full_name", "login", "password"}
    with pytest.raises(ValidationFailed) as refused:
        services.account_register(full_name="A", login="not a login", password=PASSWORD, now=at(2026, 8, 20))
    assert "login" in refused.value.errors
    assert CitizenAccount.objects.count() == 1


def test_sign_in_is_throttled_after_five_failures():
    services.account_register(
        full_name="Lò Thị Lan", login="lan@example.vn", password=PASSWORD, now=at(2026, 8, 20)
    )
    assert (
        services.account_authenticate(
            login="lan@example.vn", password=PASSWORD, address="10.0.0.1", now=at(2026, 8, 20)
        ).full_name
        == "Lò Thị Lan"
    )
    for _ in range(5):
        with pytest.raises(ValidationFailed):
            services.account_authenticate(
                login="lan@example.vn", password="sai", address="10.0.0.2", now=at(2026, 8, 20)
            )
    with pytest.raises(DomainError) as refused:
        services.account_authenticate(
            login="lan@example.vn", password=PASSWORD, address="10.0.0.2", now=at(2026, 8, 20)
        )
    assert not isinstance(refused.value, ValidationFailed)
    # Another address is not blocked.
    services.account_authenticate(
        login="lan@example.vn", password=PASSWORD, address="10.0.0.3", now=at(2026, 8, 20)
    )


def test_password_reset_with_a_code(django_capture_on_commit_callbacks):
    services.account_register(
        full_name="Lò Thị Lan", login="lan@example.vn", password=PASSWORD, now=at(2026, 8, 20)
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.reset_request(login="lan@example.vn", now=at(2026, 8, 21))
        services.reset_request(login="nobody@example.vn", now=at(2026, 8, 21))  # same answer, nothing sent
    code = _code(mail.outbox[-1].body)
    assert len([m for m in mail.outbox if m.to == ["nobody@example.vn"]]) == 0
    account = services.reset_password(
        login="lan@example.vn", code=code, password="mot-mat-khau-moi-2026", now=at(2026, 8, 21, 9, 3)
    )
    assert check_password("mot-mat-khau-moi-2026", account.password) and account.verified_at is not None
