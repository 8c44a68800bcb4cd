"""Checks a Python example against the module jsii-pacmak generated, without running either (the jsii
runtime and cdktf's Python packages are not installable here): every name imported from the module is
exported, and every call of one of its classes or static methods names a method that exists, passes
no more positional arguments than it takes, only keywords it declares, and every keyword it requires.
Prints one problem per line; prints nothing when the example fits.

usage: python3 python-example-check.py GENERATED_INIT_PY MODULE_NAME < example.py
"""
import ast
import sys

generated = ast.parse(open(sys.argv[1], encoding="utf8").read())
module_name = sys.argv[2]
example = ast.parse(sys.stdin.read())

methods = {}
exported = set()
for node in generated.body:
    if isinstance(node, ast.ClassDef):
        methods[node.name] = {item.name: item.args for item in node.body if isinstance(item, ast.FunctionDef)}
    elif isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__all__" for t in node.targets):
        exported = {element.value for element in node.value.elts}

problems = []
imported = set()
for node in ast.walk(example):
    if isinstance(node, ast.ImportFrom) and node.module == module_name:
        for alias in node.names:
            imported.add(alias.name)
            if alias.name not in exported:
                problems.append(f"{alias.name} is not exported by {module_name}")
if not imported:
    problems.append(f"the example imports nothing from {module_name}")

calls = 0
for node in ast.walk(example):
    if not isinstance(node, ast.Call):
        continue
    target = node.func
    if isinstance(target, ast.Name) and target.id in imported:
        class_name, method = target.id, "__init__"
    elif isinstance(target, ast.Attribute) and getattr(target.value, "id", None) in imported:
        class_name, method = target.value.id, target.attr
    else:
        continue
    calls += 1
    args = methods.get(class_name, {}).get(method)
    if args is None:
        problems.append(f"{class_name}.{method} does not exist")
        continue
    positional = [a.arg for a in args.posonlyargs + args.args if a.arg not in ("self", "cls")]
    keywords = {a.arg for a in args.kwonlyargs}
    required = {a.arg for a, default in zip(args.kwonlyargs, args.kw_defaults) if default is None}
    given = {k.arg for k in node.keywords}
    if len(node.args) > len(positional):
        problems.append(f"{class_name}.{method} takes {len(positional)} positional arguments, given {len(node.args)}")
    for name in sorted(given - keywords - set(positional)):
        problems.append(f"{class_name}.{method} has no argument {name}")
    for name in sorted(required - given):
        problems.append(f"{class_name}.{method} requires {name}")
if calls == 0:
    problems.append(f"the example calls nothing from {module_name}")
print("\n".join(problems))
