"""The import structure between the project's apps, measured from the code.

    python scripts/layers.py            # summary: cycles, upward arrows, imports inside functions
    python scripts/layers.py --verbose  # every upward arrow and every import inside a function

The layers, bottom first, are the ones docs/architecture.md describes. An arrow from a
lower app to a higher one is "upward"; a set of apps that import each other is a cycle.
Modules are measured too: a set of modules that import each other (inside an app or across
apps; an import inside a function counts, as it only hides the circle) is a module cycle,
whether or not Python happens to load it in an order that works. Tests, migrations and the
virtualenv are left out: they are not the structure.
Exit status 1 when there is a cycle of apps or of modules, so CI can keep both at zero.
"""

import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Bottom first. Apps on one line share a layer and must not import each other in both directions.
LAYERS = [
    ["core"],
    ["provinces", "dimensions"],
    ["accounts"],
    ["applications"],
    ["notifications"],
    ["reviews", "monitoring"],
    ["register"],
    ["api"],
    ["demo"],
    ["smartcity"],
]
LEVEL = {app: n for n, apps in enumerate(LAYERS) for app in apps}
SKIP = {".venv", "tests", "migrations", "node_modules", "bench", "scripts", "staticfiles", "var"}


def modules():
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT)
        if SKIP & set(rel.parts) or rel.parts[0] not in LEVEL:
            continue
        yield rel, ast.parse(path.read_text(encoding="utf-8"), filename=str(rel))


def _absolute(rel, node):
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level == 0:
        return [node.module or ""]
    package = list(rel.parent.parts) if rel.name != "__init__.py" else list(rel.parent.parts)
    base = package[: len(package) - (node.level - 1)]
    return [".".join([*base, node.module] if node.module else base)]


def imports(rel, tree):
    """(target app, line, inside a function?) for each import of a project app."""
    inside = set()
    for fn in ast.walk(tree):
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for node in ast.walk(fn):
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    inside.add(id(node))
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for name in _absolute(rel, node):
                app = name.split(".")[0]
                if app in LEVEL:
                    yield app, node.lineno, id(node) in inside


def _module_name(rel):
    parts = list(rel.with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def module_imports(rel, tree, known):
    """The project's modules that ``rel`` imports, at its top or inside a function, by name.

    ``from package import name`` counts as an import of ``package.name`` when that is a module.
    """
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        for name in _absolute(rel, node):
            if isinstance(node, ast.ImportFrom):
                subs = [f"{name}.{alias.name}" for alias in node.names if f"{name}.{alias.name}" in known]
                if subs:
                    yield from subs
                    if len(subs) == len(node.names):
                        continue
            if name in known:
                yield name


def _cycles(edges):
    """Strongly connected components of more than one app (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in list(edges):
        if v not in index:
            visit(v)
    return out


def main(verbose=False):
    edges, upward, local = defaultdict(set), [], []
    parsed = list(modules())
    known = {_module_name(rel) for rel, _tree in parsed}
    module_edges = defaultdict(set)
    for rel, tree in parsed:
        name = _module_name(rel)
        module_edges[name] |= set(module_imports(rel, tree, known)) - {name}
    module_cycles = _cycles(module_edges)
    for rel, tree in parsed:
        here = rel.parts[0]
        for app, line, in_function in imports(rel, tree):
            if in_function:
                local.append(f"{rel}:{line} -> {app}")
            if app == here:
                continue
            edges[here].add(app)
            edges.setdefault(app, set())
            if LEVEL[app] > LEVEL[here]:
                upward.append(f"{rel}:{line} -> {app}")
    arrows = sum(len(v) for v in edges.values())
    up_arrows = {(a, b) for a in edges for b in edges[a] if LEVEL[b] > LEVEL[a]}
    cycles = _cycles(edges)
    print(f"arrows between apps: {arrows}")
    print(f"upward arrows: {len(up_arrows)} ({len(upward)} import lines)")
    print(f"cycles between apps: {len(cycles)} {cycles if cycles else ''}")
    print(f"cycles between modules: {len(module_cycles)}")
    for cycle in module_cycles:
        print(f"  {' <-> '.join(cycle)}")
    print(f"imports of the project's own modules inside functions: {len(local)}")
    if verbose:
        for a, b in sorted(up_arrows):
            print(f"  up: {a} -> {b}")
        for line in upward:
            print(f"    {line}")
        for line in local:
            print(f"  in function: {line}")
    return 1 if cycles or module_cycles else 0


if __name__ == "__main__":
    sys.exit(main(verbose="--verbose" in sys.argv))
