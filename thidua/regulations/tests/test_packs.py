"""Rule packs: the national pack mirrors the code defaults; the Lai Châu example overrides them."""

import unicodedata

import pytest

from thidua.regulations import (
    CATALOGUE,
    Policy,
    RegulationError,
    RoundingMode,
    load_rule_pack,
    rule_pack_from_data,
)
from thidua.regulations.policy import PARAMETERS


def test_national_pack_equals_code_defaults():
    assert load_rule_pack().policy == Policy()


def test_every_policy_parameter_is_documented():
    assert set(PARAMETERS) == set(Policy().to_data())
    assert all(p.why for p in PARAMETERS.values())


def test_lai_chau_example_pack():
    pack = load_rule_pack("national", "12")
    assert pack.province_code == "12"
    assert pack.example
    assert pack.policy.rounding_mode is RoundingMode.NEAREST_10K
    assert [c.id for c in pack.criteria["GIAY_KHEN"]] == ["gk.1", "gk.2"]
    assert pack.procedures["1.012379.H13"].value == 20
    assert load_rule_pack("national", 12) is not None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"policy": {"rounding": "ceil"}}, "Unknown policy parameter"),
        ({"policy": {"rounding_mode": "up"}}, "Bad value"),
        ({"policy": {"ldtt_min_service_months": "six"}}, "Bad value"),
        ({"colour": "red"}, "unknown keys"),
        ({"procedures": {"x": {"value": "ten"}}}, "integer"),
    ],
)
def test_bad_packs_are_rejected(data, message):
    with pytest.raises(RegulationError, match=message):
        rule_pack_from_data(data)


def test_unknown_province_is_an_error():
    with pytest.raises(RegulationError, match="No rule pack"):
        load_rule_pack("national", "99")
    with pytest.raises(RegulationError, match="province code"):
        load_rule_pack("national", "Lai Châu")


def test_catalogue_names_are_nfc_and_codes_unique():
    codes = [a.code for a in CATALOGUE]
    assert len(codes) == len(set(codes))
    for entry in CATALOGUE:
        for label in entry.labels:
            assert unicodedata.is_normalized("NFC", label.name)
