"""test_docs: every example of docs/python.md runs and prints what the page says it prints."""
from conftest import SOURCE
from docs_examples import blocks, run


def test_walkthrough_prints_what_the_page_shows(parley):
    assert len(blocks(SOURCE)) >= 10
    problems = run(SOURCE)
    assert not problems, "\n".join(problems)


def test_public_api_has_docstrings_and_type_hints(parley):
    """Every public name, and every public method and property of the public classes, says what it does;
    functions and methods declare their parameter and return types."""
    import inspect
    missing_doc, missing_hints = [], []

    def check(name, fn):
        if not (fn.__doc__ or "").strip():
            missing_doc.append(name)
        if inspect.isfunction(fn):
            sig = inspect.signature(fn)
            params = [p for p in sig.parameters.values() if p.name not in ("self", "cls")
                      and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
            if sig.return_annotation is inspect.Signature.empty or any(
                    p.annotation is inspect.Parameter.empty for p in params):
                missing_hints.append(name)

    for name in parley.__all__:
        obj = getattr(parley, name)
        check(name, obj)
        if inspect.isclass(obj) and not issubclass(obj, BaseException):
            for attr, member in vars(obj).items():
                if attr.startswith("_") and attr != "__call__":
                    continue
                if isinstance(member, property):
                    check(f"{name}.{attr}", member.fget)
                elif isinstance(member, (classmethod, staticmethod)):
                    check(f"{name}.{attr}", member.__func__)
                elif inspect.isfunction(member):
                    check(f"{name}.{attr}", member)
    assert not missing_doc, f"no docstring: {missing_doc}"
    assert not missing_hints, f"no type hints: {missing_hints}"
