"""The API's documentation page: the OpenAPI schema rendered on the server as a list of endpoints.

It works offline (no script, no CDN): each operation with its parameters, request body and responses.
The machine-readable schema is at /api/schema/ (YAML; ?format=json for JSON).
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from drf_spectacular.generators import SchemaGenerator

METHODS = ("get", "post", "put", "patch", "delete")


def _ref_name(schema: dict[str, Any] | None) -> str:
    if not schema:
        return ""
    ref = schema.get("$ref") or (schema.get("items") or {}).get("$ref", "")
    name = ref.rsplit("/", 1)[-1] if ref else schema.get("type", "")
    return f"{name}[]" if schema.get("type") == "array" else str(name)


def _first_shape(response: dict[str, Any]) -> str:
    for content in (response.get("content") or {}).values():
        return _ref_name(content.get("schema"))
    return ""


def _operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            body = (op.get("requestBody") or {}).get("content", {})
            out.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "tag": (op.get("tags") or [""])[0],
                    "summary": op.get("description", "").strip(),
                    "parameters": [
                        {
                            "name": p["name"],
                            "where": p["in"],
                            "type": (p.get("schema") or {}).get("type", ""),
                            "enum": (p.get("schema") or {}).get("enum", []),
                            "required": p.get("required", False),
                            "description": p.get("description", ""),
                        }
                        for p in op.get("parameters", [])
                    ],
                    "bodies": [(ctype, _ref_name(c.get("schema"))) for ctype, c in body.items()],
                    "responses": [
                        (
                            code,
                            r.get("description", ""),
                            _first_shape(r),
                        )
                        for code, r in op.get("responses", {}).items()
                    ],
                    "anonymous": {} in (op.get("security") or []),
                }
            )
    return out


def _components(schema: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for name, comp in sorted(schema.get("components", {}).get("schemas", {}).items()):
        fields = []
        required = set(comp.get("required", []))
        for field, spec in (comp.get("properties") or {}).items():
            kind = spec.get("type") or _ref_name(spec) or ("enum" if "enum" in spec else "")
            if not kind and spec.get("allOf"):
                kind = _ref_name(spec["allOf"][0])
            fields.append(
                {
                    "name": field,
                    "type": kind,
                    "required": field in required,
                    "description": spec.get("description", ""),
                    "enum": spec.get("enum", []),
                }
            )
        out.append({"name": name, "enum": comp.get("enum", []), "fields": fields})
    return out


def api_docs(request: HttpRequest) -> HttpResponse:
    """Render the generated schema as a readable, offline page."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = _operations(schema)
    tags: dict[str, list[dict[str, Any]]] = {}
    for op in operations:
        tags.setdefault(op["tag"], []).append(op)
    return render(
        request,
        "api/docs.html",
        {"info": schema.get("info", {}), "tags": sorted(tags.items()), "components": _components(schema)},
    )
