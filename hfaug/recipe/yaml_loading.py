"""Reading a recipe's YAML: a ``yaml.SafeLoader`` that refuses a key set twice and numbers YAML 1.1 misreads
(``010`` as octal, ``1:30`` in base 60), and the hint that points a syntax error at the indentation to check."""

from __future__ import annotations

import collections.abc
import re
from typing import Any

import yaml

_MERGE_TAG = "tag:yaml.org,2002:merge"
_OCTAL = re.compile(r"[-+]?0[0-7_]+")  # YAML 1.1 (PyYAML) reads 010 as 8


_BASE_60 = "has colons, which YAML 1.1 reads as a number in base 60"


def _refuse_misread(node: yaml.ScalarNode, kind: str, misread: str, read: float) -> None:
    """Refuse a number written so that YAML 1.1 reads it otherwise than its writer likely meant."""
    raise yaml.constructor.ConstructorError(
        problem=f"{kind} {node.value} {misread} ({read}); write the number you mean, or quote it ('{node.value}') "
        "where it is text",
        problem_mark=node.start_mark,
    )


def indentation_hint(error: yaml.YAMLError) -> str:
    """``; check the indentation of line N: ...`` when PyYAML found a key where a block had to end (a
    parameter not lined up with its augmenter's ``name:``, a recipe field indented) or inside a value
    (a line indented deeper than the key above it, or a value holding ``: `` unquoted), else nothing."""
    mark = getattr(error, "problem_mark", None)
    problem = str(getattr(error, "problem", ""))
    if mark is not None and "'\\t'" in problem:
        return "; write spaces for that tab (YAML takes none there)"
    if mark is None or not problem.startswith(("expected <block end>", "mapping values are not allowed")):
        return ""
    hint = (
        f"; check the indentation of line {mark.line + 1}: an augmenter's parameters line up with its `name:`, "
        "recipe fields start at column 1"
    )
    return hint if problem.startswith("expected") else f"{hint}; a value that holds ': ' goes in quotes"


class UniqueKeyLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that refuses a key set twice in one mapping (instead of keeping the last), and
    an integer written with a leading zero or colons (instead of reading it as octal or in base 60)."""

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        read = super().construct_yaml_int(node)
        if _OCTAL.fullmatch(node.value):
            _refuse_misread(node, "integer", "has a leading zero, which YAML 1.1 reads as octal", read)
        if ":" in node.value:
            _refuse_misread(node, "integer", _BASE_60, read)
        return read

    def construct_yaml_float(self, node: yaml.ScalarNode) -> float:
        read = super().construct_yaml_float(node)
        if ":" in node.value:
            _refuse_misread(node, "number", _BASE_60, read)
        return read

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        first_line: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == _MERGE_TAG:  # `<<: *defaults` may be overridden by the keys next to it
                continue
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, collections.abc.Hashable):  # the SafeLoader reports those
                continue
            if key in first_line:
                raise yaml.constructor.ConstructorError(
                    problem=f"key {key!r} is set twice (first at line {first_line[key]}); keep one of them",
                    problem_mark=key_node.start_mark,
                )
            first_line[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


UniqueKeyLoader.add_constructor("tag:yaml.org,2002:int", UniqueKeyLoader.construct_yaml_int)
UniqueKeyLoader.add_constructor("tag:yaml.org,2002:float", UniqueKeyLoader.construct_yaml_float)
