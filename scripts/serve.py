"""Serve the whole site (Korean at /, English at /en/) with live rebuild and reload.

Usage: ``uv run python scripts/serve.py [--port 8000]`` (the code and how it
rebuilds only what an edit touches: :mod:`activations_site.serve`).
"""

import sys

from activations_site.serve import main

if __name__ == "__main__":
    sys.exit(main())
