"""The demo: a deterministic synthetic network in the real export formats (``sample/``,
package data) and ``netlib demo``, which imports it and writes its report."""

from netlib.demo.build import run_demo

__all__ = ["run_demo"]
