"""Build the static site: Korean into SITE_DIR, English into SITE_DIR/en.

Usage: ``uv run python scripts/build_site.py [--site-dir DIR] [--no-strict]``
(the code is :mod:`activations_site.build`).
"""

import sys

from activations_site.build import main

if __name__ == "__main__":
    sys.exit(main())
