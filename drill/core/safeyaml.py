"""A guarded YAML reader for untrusted files: sizes, depth, aliases and duplicate keys.

Scalars are never resolved to booleans, numbers or dates: ``answer: no`` is the text
"no" and ``12:30`` stays "12:30". The caller gets PyYAML nodes (with line marks) and
turns them into values itself.

PyYAML's C composer recurses once per nesting level and crashes the interpreter on
tens of thousands of nested brackets, so a cheap scan decides first whether the text
could be deep or use aliases; only then is the (iterative, event-based) checker run,
which rejects such input before anything is composed.
"""

from __future__ import annotations

import re

import yaml

from drill.core.errors import Problem

MAX_BYTES = 32 * 1024 * 1024
MAX_DEPTH = 24
_SUSPECT_INDENT = MAX_DEPTH - 1
"""Block nesting needs a column per level, so shallower indentation cannot hide a deep tree."""
_SUSPECT_FLOW_DEPTH = 12

_Base: type[yaml.BaseLoader] = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_TAGS = {
    yaml.ScalarNode: "tag:yaml.org,2002:str",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """The C parser and composer; every node is plain text, a list or a mapping."""

    def resolve(self, kind: type[yaml.Node], value: object, implicit: object) -> str:
        return _TAGS[kind]


_ANCHOR_OR_ALIAS = re.compile(r"(?:^|[\s\[{,:])[&*][^\s,\[\]{}]", re.MULTILINE)
_COMPACT_NESTING = re.compile(r"^[ \t]*(?:[-?:][ \t]+){6,}", re.MULTILINE)
_DEEP_INDENT = re.compile(rf"^[ \t]{{{_SUSPECT_INDENT},}}\S", re.MULTILINE)
_RAW_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
"""Control characters YAML refuses; they are dropped so a stray one costs nothing."""
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")


class YamlProblem(Exception):
    """The text is not YAML drill accepts."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def decode(data: bytes) -> str:
    """UTF-8 text of ``data`` (a BOM is allowed), or a problem naming the line."""
    if len(data) > MAX_BYTES:
        raise YamlProblem(
            Problem(
                None, f"file is {len(data) / 2**20:.1f} MB; the limit is {MAX_BYTES // 2**20} MB"
            )
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise YamlProblem(Problem(line, "not UTF-8 text (save the file as UTF-8)")) from None
    return _RAW_CONTROL.sub("", text)


def compose(text: str) -> yaml.Node | None:
    """The single YAML document in ``text`` as a node tree, or None when it is empty."""
    risky = _looks_risky(text)
    if risky:
        _check_events(text)
    loader = _Loader(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise YamlProblem(_syntax_problem(exc)) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(Problem(None, f"YAML syntax: {exc}")) from None
    except RecursionError:
        raise YamlProblem(Problem(None, "nesting is too deep")) from None
    finally:
        loader.dispose()
    if node is not None and risky:
        _check_tree(node)
    return node


def _syntax_problem(exc: yaml.MarkedYAMLError) -> Problem:
    """The problem at the line a person should look at.

    When the parser ran off the end of the file (an unclosed quote or bracket), the place
    the construct opened is more useful than the end of the file.
    """
    reason = exc.problem or exc.context or "invalid YAML"
    mark = exc.problem_mark
    if exc.context_mark is not None and (mark is None or "end of stream" in (exc.problem or "")):
        mark = exc.context_mark
        reason = f"{exc.context} that is never closed" if exc.context else reason
    line = mark.line + 1 if mark is not None else None
    return Problem(line, f"YAML syntax: {reason}")


def _looks_risky(text: str) -> bool:
    maybe_alias = ("&" in text or "*" in text) and _ANCHOR_OR_ALIAS.search(text)
    if maybe_alias or _COMPACT_NESTING.search(text) or _DEEP_INDENT.search(text):
        return True
    depth = deepest = 0
    for char in _NOT_BRACKETS.sub("", text):
        if char in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
        else:
            depth -= 1
    return deepest > _SUSPECT_FLOW_DEPTH


def _check_events(text: str) -> None:
    """Walk parser events (no recursion) and stop at the first alias, anchor or deep nest."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Base):
            line = event.start_mark.line + 1 if event.start_mark is not None else None
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise YamlProblem(Problem(line, "YAML anchors and aliases (&, *) are not allowed"))
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlProblem(Problem(line, f"nesting deeper than {MAX_DEPTH} levels"))
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        raise YamlProblem(_syntax_problem(exc)) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(Problem(None, f"YAML syntax: {exc}")) from None


def _check_tree(root: yaml.Node) -> None:
    """Reject shared nodes (aliases that slipped past the scan) and over-deep trees."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            raise YamlProblem(Problem(node.start_mark.line + 1, "YAML aliases are not allowed"))
        seen.add(id(node))
        if depth > MAX_DEPTH:
            raise YamlProblem(
                Problem(node.start_mark.line + 1, f"nesting deeper than {MAX_DEPTH} levels")
            )
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))


def line_of(node: yaml.Node) -> int:
    """The 1-based line where ``node`` starts."""
    return int(node.start_mark.line) + 1
