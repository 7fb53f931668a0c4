"""The command-line contract of issue #3, run through a real subprocess."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def run(*args, stdin=None):
    return subprocess.run(  # noqa: S603 - fixed argv, our own module
        [sys.executable, "-m", "thidua.regulations", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=60,
    )


def test_prize():
    result = run("prize", "--award", "BK_TINH", "--subject", "individual", "--on", "2026-08-01")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["amount"] == 3_800_000
    assert data["coefficient"] == "1.5"
    assert data["base_salary"] == 2_530_000
    assert data["words"] == "Ba triệu tám trăm nghìn đồng"
    assert data["citations"]


def test_prize_nearest_and_province():
    result = run(
        "prize", "--award", "LDTT", "--subject", "individual", "--on", "2025-06-30", "--rounding", "nearest"
    )
    assert json.loads(result.stdout)["amount"] == 700_000
    result = run(
        "prize", "--award", "LDTT", "--subject", "individual", "--on", "2025-06-30", "--province", "12"
    )
    assert json.loads(result.stdout)["rounding"] == "nearest"


def test_words():
    result = run("words", "1005")
    assert result.stdout == "Một nghìn không trăm linh năm đồng\n"


def test_deadline():
    pause = ("--pause", "2026-02-10:2026-02-20", "--clock-mode", "pause")
    result = run("deadline", "--start", "2026-02-02", "--working-days", "20", *pause)
    data = json.loads(result.stdout)
    assert data["due"] == "2026-03-13"
    assert data["clock_mode"] == "pause"
    default = json.loads(run("deadline", "--start", "2025-01-24", "--working-days", "5").stdout)
    assert default["due"] == "2025-02-07"
    assert default["skipped_holidays"][0]["date"] == "2025-01-27"


def test_authority():
    data = json.loads(run("authority", "--award", "CSTDCS", "--on", "2026-01-10").stdout)
    assert {a["office"] for a in data["authorities"]} == {"THU_TRUONG_SO", "CT_UBND_XA", "GD_DN"}


CASE = {
    "award": "BK_TINH",
    "subject": "individual",
    "year": 2024,
    "on": "2025-03-01",
    "person": {"recruited_on": "2010-09-01"},
    "history": [
        {
            "year": 2023,
            "rating": "HTXS",
            "titles": [],
            "initiatives": 1,
            "initiative_scope": "co_so",
            "research": 0,
        },
        {
            "year": 2024,
            "rating": "HTXS",
            "titles": ["LDTT", "CSTDCS"],
            "initiatives": 1,
            "initiative_scope": "co_so",
        },
    ],
    "discipline": [],
    "flags": {"under_investigation": False, "pending_complaint": False},
    "province": None,
    "policy": {},
}


def test_check_from_stdin_and_file(tmp_path):
    result = run("check", stdin=json.dumps(CASE))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["verdict"] == "eligible"
    assert all({"code", "message", "citation"} <= set(r) for r in data["reasons"])
    path = tmp_path / "case.json"
    path.write_text(json.dumps({**CASE, "policy": {"bk_tinh_initiatives_required": 3}}), encoding="utf-8")
    assert json.loads(run("check", str(path)).stdout)["verdict"] == "not_eligible"


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"colour": "red"}, "unknown field"),
        ({"subject": "robot"}, "subject"),
        ({"on": "2025-13-01"}, "on"),
        ({"award": "NOPE"}, "Unknown award"),
        ({"history": [{"year": 2024, "rating": "GOOD"}]}, "rating"),
        ({"history": [{"year": 2024, "titles": ["LDTT"], "extra": 1}]}, "unknown field"),
        ({"policy": {"rounding": "up"}}, "Unknown policy parameter"),
        ({"province": "99"}, "No rule pack"),
        ({"discipline": [{"form": "scolding", "from": "2024-01-01"}]}, "discipline[0].form"),
    ],
)
def test_check_bad_input_exits_2(change, fragment):
    result = run("check", stdin=json.dumps({**CASE, **change}))
    assert result.returncode == 2
    assert fragment in json.loads(result.stderr.strip().splitlines()[-1])["error"]


@pytest.mark.parametrize(
    "args",
    [
        ("words", "-5"),
        ("words", "12.5x"),
        ("prize", "--award", "LDTT", "--subject", "individual", "--on", "yesterday"),
        ("prize", "--award", "LDTT", "--subject", "collective", "--on", "2026-01-01"),
        ("prize", "--award", "LDTT", "--subject", "individual", "--on", "2010-01-01"),
        ("deadline", "--start", "2026-02-02", "--working-days", "-1"),
        ("deadline", "--start", "2026-02-02", "--working-days", "5", "--pause", "2026-02-10"),
        ("authority", "--award", "XYZ", "--on", "2026-01-01"),
        ("bogus",),
    ],
)
def test_bad_arguments_exit_2(args):
    result = run(*args)
    assert result.returncode == 2
    assert '"error"' in result.stderr


def test_invalid_json_exits_2():
    result = run("check", stdin="{not json")
    assert result.returncode == 2
    assert "invalid JSON" in result.stderr
