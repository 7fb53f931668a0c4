"""Command-line interface: JSON in, JSON out (documented in docs/regulations.md).

Exit codes: 0 success, 2 bad input (with {"error": "..."} on stderr).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from typing import NoReturn, TextIO

from thidua.regulations.authority import Office, authorities_for, can_decide
from thidua.regulations.caseio import parse_case
from thidua.regulations.catalogue import award
from thidua.regulations.eligibility import check_eligibility
from thidua.regulations.kinds import RoundingMode, SubjectKind
from thidua.regulations.money import prize_money
from thidua.regulations.policy import ClockMode
from thidua.regulations.rulepack import RulePack, load_rule_pack
from thidua.regulations.versions import RegulationError
from thidua.regulations.words import amount_in_words
from thidua.regulations.workdays import Pause


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        _fail(message)


def _fail(message: str) -> NoReturn:
    sys.stderr.write(json.dumps({"error": message}, ensure_ascii=False) + "\n")
    raise SystemExit(2)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {text!r}") from None


def _pause(text: str) -> Pause:
    start, sep, end = text.partition(":")
    if not sep:
        raise argparse.ArgumentTypeError(f"expected START:END, got {text!r}")
    try:
        return Pause(_date(start), _date(end))
    except RegulationError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _non_negative(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"expected a non-negative integer, got {text!r}")
    return int(text)


def _rules(province: str | None) -> RulePack:
    return load_rule_pack("national", province)


def _print(data: object, out: TextIO) -> None:
    out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _cmd_prize(args: argparse.Namespace, out: TextIO) -> None:
    rules = _rules(args.province)
    rounding = RoundingMode(args.rounding) if args.rounding else None
    issuer = Office(args.issuer) if args.issuer else None
    prize = prize_money(
        args.award, SubjectKind(args.subject), args.on, rules=rules, rounding=rounding, issuer=issuer
    )
    _print(prize.to_dict(), out)


def _cmd_check(args: argparse.Namespace, out: TextIO) -> None:
    try:
        if args.file in (None, "-"):
            data = json.load(sys.stdin)
        else:
            with open(args.file, encoding="utf-8") as handle:
                data = json.load(handle)
    except OSError as exc:
        _fail(f"cannot read {args.file}: {exc.strerror}")
    except json.JSONDecodeError as exc:
        _fail(f"invalid JSON: {exc}")
    _print(check_case(data), out)


def check_case(data: object) -> dict[str, object]:
    """Return the verdict on a JSON case as the ``check`` command prints it (RegulationError if bad)."""
    case, province, overrides = parse_case(data)
    rules = _rules(province).with_policy(overrides)
    return check_eligibility(case, rules=rules).to_dict()


def _cmd_deadline(args: argparse.Namespace, out: TextIO) -> None:
    rules = _rules(args.province)
    if args.calendar_days is not None:
        result = rules.calendar.add_calendar_days(args.start, args.calendar_days)
    else:
        mode = ClockMode(args.clock_mode) if args.clock_mode else rules.policy.supplement_clock_mode
        result = rules.calendar.add_working_days(
            args.start, args.working_days, pauses=args.pause, clock_mode=mode
        )
    _print(result.to_dict(), out)


def _cmd_words(args: argparse.Namespace, out: TextIO) -> None:
    text = args.number.replace(".", "").replace(",", "").replace("_", "")
    if not text.isdigit():
        _fail(f"expected a non-negative integer amount in đồng, got {args.number!r}")
    out.write(amount_in_words(int(text), linh=args.linh, thousand=args.thousand, four=args.four) + "\n")


def _cmd_authority(args: argparse.Namespace, out: TextIO) -> None:
    entry = award(args.award)
    grants = authorities_for(args.award, args.on)
    data: dict[str, object] = {
        "award": entry.code,
        "name": entry.name_on(args.on),
        "on": args.on.isoformat(),
        "authorities": [
            {
                "office": g.office.value,
                "name": g.office.label,
                "valid_from": g.valid_from.isoformat(),
                "valid_to": g.valid_to.isoformat() if g.valid_to else None,
                "citation": g.citation.to_dict(),
            }
            for g in grants
        ],
    }
    if args.office:
        data["check"] = can_decide(Office(args.office), args.award, args.on).to_dict()
    _print(data, out)


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of ``python -m thidua.regulations``."""
    parser = _Parser(prog="python -m thidua.regulations", description="thidua regulations engine")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("prize", help="prize money for one award")
    p.add_argument("--award", required=True)
    p.add_argument("--subject", required=True, choices=[k.value for k in SubjectKind])
    p.add_argument("--on", required=True, type=_date, help="date the decision is signed")
    p.add_argument("--rounding", choices=[m.value for m in RoundingMode])
    p.add_argument("--province")
    p.add_argument(
        "--issuer", choices=[o.value for o in Office], help="needed for Giấy khen before 01/07/2025"
    )
    p.set_defaults(func=_cmd_prize)

    p = sub.add_parser("check", help="eligibility of one case (JSON file or stdin)")
    p.add_argument("file", nargs="?", help="JSON case file; '-' or omitted reads stdin")
    p.set_defaults(func=_cmd_check)

    p = sub.add_parser("deadline", help="working-day deadline")
    p.add_argument("--start", required=True, type=_date, help="day the complete dossier was received")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--working-days", type=_non_negative)
    group.add_argument("--calendar-days", type=_non_negative)
    p.add_argument(
        "--pause", type=_pause, action="append", default=[], help="START:END waiting for a supplement"
    )
    p.add_argument("--clock-mode", choices=[m.value for m in ClockMode], help="default: the pack's policy")
    p.add_argument("--province")
    p.set_defaults(func=_cmd_deadline)

    p = sub.add_parser("words", help="amount in words (bằng chữ)")
    p.add_argument("number")
    p.add_argument("--linh", default="linh", choices=["linh", "lẻ"])
    p.add_argument("--thousand", default="nghìn", choices=["nghìn", "ngàn"])
    p.add_argument("--four", default="tư", choices=["tư", "bốn"])
    p.set_defaults(func=_cmd_words)

    p = sub.add_parser("authority", help="who may decide an award on a date")
    p.add_argument("--award", required=True)
    p.add_argument("--on", required=True, type=_date)
    p.add_argument("--office", choices=[o.value for o in Office], help="also check this office")
    p.set_defaults(func=_cmd_authority)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    try:
        args.func(args, out or sys.stdout)
    except RegulationError as exc:
        _fail(str(exc))
    return 0
