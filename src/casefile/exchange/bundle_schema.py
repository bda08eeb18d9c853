"""The bundle's JSON Schema (draft 2020-12) and record validation against it.

``docs/casefile-bundle.schema.json`` is the contract; the same file ships in this
package. ``jsonschema`` is the reference validator and explains every failure with
the path of the bad field. It costs about a millisecond per record, so imports check
each record first with ``jsonschema_rs`` (the same draft in Rust, built from the same
file: about 4x faster than fastjsonschema, 100x faster than ``jsonschema``) and ask
``jsonschema`` only about a record that fails.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from functools import cache
from importlib import resources
from typing import Any

from casefile.errors import InvalidInput
from casefile.text import one_line

SCHEMA_FILE = "casefile-bundle.schema.json"
# Bundle section -> the schema definition of one of its records.
RECORD_DEFS = {
    "entities": "entity",
    "links": "link",
    "notes": "note",
    "claims": "claim",
    "citations": "citation",
    "claim_resolutions": "claim_resolution",
}


class BundleError(InvalidInput):
    """A bundle casefile refuses: the JSON path of the first bad field and why."""

    def __init__(self, path: str, reason: str) -> None:
        reason = reason.rstrip(".")
        where = f" at {path}" if path else ""
        super().__init__(f"The bundle is not valid{where}: {reason}; nothing was imported.")
        self.path = path
        self.reason = reason


def schema_text() -> str:
    """The schema exactly as shipped."""
    return resources.files("casefile.exchange").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


@cache
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_text())
    return loaded


def _record_schema(definition: str) -> dict[str, Any]:
    full = schema()
    return {"$schema": full["$schema"], "$defs": full["$defs"], "$ref": f"#/$defs/{definition}"}


@cache
def fast_validator(section: str) -> Callable[[Any], Any]:
    """A compiled validator for one record of ``section`` (raises on any failure)."""
    import jsonschema_rs

    inlined = _inline(schema()["$defs"][RECORD_DEFS[section]], schema()["$defs"])
    validator: Callable[[Any], Any] = jsonschema_rs.Draft202012Validator(inlined).validate
    return validator


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    """The schema with every ``#/$defs/...`` reference replaced by its target.

    The compiled validator then checks each field in line instead of calling a
    function per reference (the schema has no recursive definitions).
    """
    if isinstance(node, dict):
        if "$ref" in node:
            return _inline(defs[node["$ref"].rsplit("/", 1)[-1]], defs)
        return {key: _inline(value, defs) for key, value in node.items()}
    if isinstance(node, list):
        return [_inline(value, defs) for value in node]
    return node


@cache
def reference_validator(definition: str | None = None) -> Any:
    """The ``jsonschema`` validator of the whole bundle or of one definition."""
    from jsonschema import Draft202012Validator

    target = schema() if definition is None else _record_schema(definition)
    return Draft202012Validator(target)


def format_path(parts: Sequence[str | int]) -> str:
    """``["entities", 3, "aliases", 0, "kind"]`` -> ``entities[3].aliases[0].kind``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def check_record(section: str, index: int, record: Any) -> None:
    """Validate one record of ``section``; raise ``BundleError`` naming the first bad field."""
    try:
        fast_validator(section)(record)
    except Exception as fast_error:
        problem = explain(reference_validator(RECORD_DEFS[section]), record)
        if problem is None:  # the validators disagree: trust the stricter one's words
            raise BundleError(f"{section}[{index}]", one_line(str(fast_error), 200)) from None
        parts, reason = problem
        raise BundleError(format_path([section, index, *parts]), reason) from None


def explain(validator: Any, instance: Any) -> tuple[list[str | int], str] | None:
    """The most relevant error of ``instance`` as (path parts, reason), or None if valid."""
    from jsonschema.exceptions import best_match

    error = best_match(validator.iter_errors(instance))
    if error is None:
        return None
    parts: list[str | int] = list(error.absolute_path)
    return parts + _missing_or_extra(error), _reason(error)


def _missing_or_extra(error: Any) -> list[str | int]:
    """For "required" and "additionalProperties" errors, the field itself."""
    if error.validator == "required" and isinstance(error.instance, dict):
        missing = [name for name in error.validator_value if name not in error.instance]
        return missing[:1]
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        extra = sorted(k for k in error.instance if k not in allowed)
        return extra[:1]
    return []


def _reason(error: Any) -> str:
    kind = error.validator
    if kind == "required":
        return "this required field is missing"
    if kind == "additionalProperties":
        return "this field is not part of the bundle format"
    if kind == "pattern" and isinstance(error.schema.get("pattern"), str):
        if "[0-9a-f]{8}" in error.schema["pattern"]:
            return f"{_shown(error.instance)} is not a UUID in lower-case hex"
        if "T[0-9]{2}" in error.schema["pattern"]:
            return f"{_shown(error.instance)} is not a UTC time such as 2025-06-21T10:00:00.000000Z"
        if "u0000" in error.schema["pattern"]:
            return "the text contains a NUL character"
    return one_line(error.message, 200)


def _shown(value: Any) -> str:
    return repr(one_line(value, 60)) if isinstance(value, str) else one_line(repr(value), 60)
