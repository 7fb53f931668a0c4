"""Accessibility checks in browser tests with axe-core (installed from npm; never served to visitors).

violations = axe_violations(page)
assert not violations, format_violations(violations)
"""

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.conf import settings

AXE_PATH = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice")
BLOCKING = ("serious", "critical")


def axe_violations(
    page: Any, *, impacts: Iterable[str] = BLOCKING, tags: Iterable[str] = TAGS
) -> list[dict[str, Any]]:
    """Run axe-core on the page's current document and return the violations of the given impacts.

    The script is injected for each call (navigation drops it); axe runs on the whole document with the
    WCAG 2.0/2.1 A and AA rules and the best practices.
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_PATH))
    result = page.evaluate(
        "async (tags) => await window.axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        list(tags),
    )
    wanted = set(impacts)
    return [v for v in result["violations"] if v.get("impact") in wanted]


def format_violations(violations: list[dict[str, Any]], *, where: str = "", nodes_per_rule: int = 5) -> str:
    """Return the violations as readable lines: rule, impact, help, then the offending elements."""
    if not violations:
        return "no accessibility violations"
    lines = [f"{len(violations)} accessibility violation(s){f' on {where}' if where else ''}:"]
    for v in violations:
        lines.append(f"- [{v.get('impact')}] {v.get('id')}: {v.get('help')} ({v.get('helpUrl', '')})")
        for node in v.get("nodes", [])[:nodes_per_rule]:
            target = " ".join(str(t) for t in node.get("target", []))
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {target}: {node.get('html', '')[:160]}")
            if summary:
                lines.append(f"      {summary[:300]}")
        extra = len(v.get("nodes", [])) - nodes_per_rule
        if extra > 0:
            lines.append(f"    … and {extra} more element(s)")
    return "\n".join(lines)
