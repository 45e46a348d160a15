"""Code the tests run in a fresh Python process (``python -m helpers.NAME``), kept as
modules rather than strings, so that it is read, linted and imported like the rest."""
