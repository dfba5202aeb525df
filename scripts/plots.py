"""Draw the site's SVG figures into OUT_DIR (default build/plots).

Usage: ``uv run python scripts/plots.py [OUT_DIR]`` (the code is :mod:`activations_site.plots`;
the docs build runs it through ``hooks/plots.py``).
"""

import sys

from activations_site.plots import main

if __name__ == "__main__":
    sys.exit(main(sys.argv))
