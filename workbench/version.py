"""The workbench's version string, in a leaf module so that any layer may read it.

Kept equal to ``version`` in ``pyproject.toml``; :mod:`workbench` re-exports it as
``workbench.__version__``, and :mod:`workbench.provenance` records it when no installed
distribution names a version.
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
