"""One-off: turn every core `t(ru, en)` into `tr(en, name=value)` and put the Russian into
the `core` context of resources/translations/scanstation_ru.ts.

f-strings become `str.format` templates: each `{expr}` gets a name (the variable, the
attribute, `<x>_count` for `len(x)`...) that both languages share. Calls it cannot convert
(operands that are not literals or f-strings, different expressions in the two languages)
are listed for a hand edit. Run: `python scripts/codemod_t_to_tr.py scanstation/<package>`.
"""

from __future__ import annotations

import ast
import keyword
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from update_translations import ROOT, read_core, write_core

LIMIT = 100
# helpers that take a (ru, en) pair at this argument index, like t() itself at 0
PAIRS = {"t": 0, "_error": 2, "_warning": 2}


class Manual(Exception):
    """This call needs a hand edit."""


def base_name(expr: ast.expr) -> str:
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        owner = expr.value
        if expr.attr == "__name__" and isinstance(owner, ast.Call) and owner.args:
            return f"{base_name(owner.args[0])}_type"
        attr = expr.attr.strip("_")
        if isinstance(owner, ast.Name) and owner.id in ("self", "cls"):
            return attr
        if isinstance(owner, (ast.Name, ast.Attribute)):
            return f"{base_name(owner).split('_')[-1]}_{attr}"
        return attr
    if isinstance(expr, ast.Call):
        func = expr.func
        fname = func.id if isinstance(func, ast.Name) else (
            func.attr if isinstance(func, ast.Attribute) else "value")
        fname = fname.strip("_")
        if fname == "len" and expr.args:
            return f"{base_name(expr.args[0])}_count"
        if fname in ("str", "repr", "int", "float", "abs", "round") and expr.args:
            return base_name(expr.args[0])
        if fname == "join" and isinstance(func, ast.Attribute) and expr.args:
            return f"{base_name(expr.args[0])}_list"
        if expr.args:
            return f"{fname}_{base_name(expr.args[0])}"
        return fname
    if isinstance(expr, ast.Subscript):
        key = expr.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            return key.value
        return base_name(expr.value)
    if isinstance(expr, (ast.GeneratorExp, ast.ListComp)):
        return base_name(expr.generators[0].iter)
    if isinstance(expr, ast.BoolOp):
        return base_name(expr.values[0])
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Div):
        return f"{base_name(expr.left)}_path"
    return "value"


def identifier(text: str) -> str:
    text = re.sub(r"\W+", "_", text).strip("_").lower() or "value"
    if text[0].isdigit() or keyword.iskeyword(text):
        text = f"v_{text}"
    return text


def template(node: ast.expr, names: dict[str, str], exprs: dict[str, ast.expr]) -> str:
    """The `str.format` template of a literal or f-string; fills `names` (dump → name)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.replace("{", "{{").replace("}", "}}")
    if not isinstance(node, ast.JoinedStr):
        raise Manual(f"operand is {type(node).__name__}")
    out = []
    for part in node.values:
        if isinstance(part, ast.Constant):
            out.append(str(part.value).replace("{", "{{").replace("}", "}}"))
            continue
        assert isinstance(part, ast.FormattedValue)
        key = ast.dump(part.value)
        if key not in names:
            name = identifier(base_name(part.value))
            taken = set(names.values())
            candidate, n = name, 2
            while candidate in taken or candidate == "text":
                candidate, n = f"{name}{n}", n + 1
            names[key] = candidate
            exprs[candidate] = part.value
        field = names[key]
        if part.conversion != -1:
            field += "!" + chr(part.conversion)
        if part.format_spec is not None:
            spec = part.format_spec
            if not all(isinstance(v, ast.Constant) for v in spec.values):  # type: ignore[attr-defined]
                raise Manual("nested format spec")
            field += ":" + "".join(str(v.value) for v in spec.values)  # type: ignore[attr-defined]
        out.append("{" + field + "}")
    return "".join(out)


def literal(text: str) -> str:
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\t", "\\t"))
    return f'"{escaped}"'


def chunks(text: str, width: int) -> list[str]:
    """Split at spaces (kept at the end of a piece) so each literal fits `width`."""
    words = re.findall(r"\S+\s*|\s+", text)
    pieces: list[str] = []
    current = ""
    for word in words:
        if current and len(literal(current + word)) > width:
            pieces.append(current)
            current = word
        else:
            current += word
    if current or not pieces:
        pieces.append(current)
    return pieces


def render(en: str, exprs: dict[str, ast.expr], prefix: str, suffix: str, indent: str) -> str:
    kwargs = [f"{name}={ast.unparse(value)}" for name, value in exprs.items()]
    one_line = "tr(" + ", ".join([literal(en), *kwargs]) + ")"
    if len(prefix) + len(one_line) + len(suffix) <= LIMIT:
        return one_line
    inner = indent + "    "
    lines = ["tr("]
    pieces = chunks(en, LIMIT - len(inner) - 1)
    for i, piece in enumerate(pieces):
        lines.append(inner + literal(piece) + ("," if i == len(pieces) - 1 else ""))
    lines += [f"{inner}{kw}," for kw in kwargs]
    lines.append(indent + ")")
    return "\n".join(lines)


def convert_file(path: Path, core: dict[str, str], manual: list[str]) -> int:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    edits: list[tuple[int, int, str]] = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in PAIRS):
            continue
        where = f"{path.relative_to(ROOT)}:{node.lineno}"
        at = PAIRS[node.func.id]
        try:
            if len(node.args) < at + 2 or (at == 0 and (len(node.args) != 2 or node.keywords)):
                raise Manual("not a (ru, en) pair")
            names: dict[str, str] = {}
            exprs: dict[str, ast.expr] = {}
            en = template(node.args[at + 1], names, exprs)
            en_fields = set(exprs)
            ru = template(node.args[at], names, exprs)
            if set(exprs) != en_fields:
                raise Manual("Russian and English use different expressions")
            if not exprs:  # no formatting happens: keep braces as written
                en = en.replace("{{", "{").replace("}}", "}")
                ru = ru.replace("{{", "{").replace("}}", "}")
            if core.get(en, ru) != ru:
                raise Manual(f"same English, other Russian: {core[en]!r} / {ru!r}")
        except Manual as why:
            manual.append(f"{where}: {why}")
            continue
        core[en] = ru
        first, last = (node, node) if at == 0 else (node.args[at], node.args[at + 1])
        assert last.end_lineno is not None and last.end_col_offset is not None
        start_line = lines[first.lineno - 1]
        prefix = start_line.encode()[:first.col_offset].decode()
        end_line = lines[last.end_lineno - 1].rstrip("\n")
        suffix = end_line.encode()[last.end_col_offset:].decode()
        indent = re.match(r"\s*", start_line).group(0)  # type: ignore[union-attr]
        text = render(en, exprs, prefix, suffix, indent)
        start = offsets[first.lineno - 1] + len(prefix)
        end = offsets[last.end_lineno - 1] + len(
            lines[last.end_lineno - 1].encode()[:last.end_col_offset].decode())
        edits.append((start, end, text))
    for start, end, text in sorted(edits, reverse=True):
        source = source[:start] + text + source[end:]
    if edits and not any(m.startswith(f"{path.relative_to(ROOT)}:") for m in manual):
        source = re.sub(r"^from scanstation\.i18n import t$",
                        "from scanstation.i18n import tr", source, flags=re.M)
        source = re.sub(r"^(from scanstation\.i18n import .*)\bt\b", r"\1tr", source,
                        flags=re.M)
    elif edits:
        source = re.sub(r"^(from scanstation\.i18n import .*)\bt\b(.*)$", r"\1t, tr\2",
                        source, count=1, flags=re.M)
    path.write_text(source, encoding="utf-8")
    return len(edits)


def main(argv: list[str]) -> int:
    ts_file = ROOT / "resources" / "translations" / "scanstation_ru.ts"
    core = {source: text for source, (text, _) in read_core(ts_file).items()}
    manual: list[str] = []
    total = 0
    for target in argv:
        root = Path(target).resolve()
        files = [root] if root.is_file() else sorted(root.rglob("*.py"))
        for path in files:
            total += convert_file(path, core, manual)
    write_core(ts_file, {source: (text, True) for source, text in core.items()})
    print(f"{total} calls converted; {len(manual)} left for a hand edit")
    for line in manual:
        print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
