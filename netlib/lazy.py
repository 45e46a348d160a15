"""Names a package offers that load from their module on first use.

netlib's packages keep their start light this way (``netlib --help`` imports no pandas, a
report's kernel no pyvis, ``netlib people edit`` no calendar parser). One rule for all of them:

    __getattr__, __dir__ = lazy_names(__name__, {"render_map": "render"}, globals())
"""

from __future__ import annotations

from importlib import import_module


def lazy_names(package: str, api: dict[str, str], namespace: dict):
    """``(__getattr__, __dir__)`` for ``package``: name -> the submodule (relative to
    ``package``) that defines it. A name, once loaded, is kept in ``namespace`` (the
    package's globals), so the module is looked up only once."""

    def __getattr__(name):
        module = api.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f"{package}.{module}"), name)
        namespace[name] = value
        return value

    def __dir__():
        return sorted(set(api) | {n for n in namespace if not n.startswith("_")})

    return __getattr__, __dir__
