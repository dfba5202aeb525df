"""Build code of the documentation site (not part of the published ``activations`` wheel).

Hooks, scripts and tests import these modules; the files in ``scripts/`` are
thin command-line entry points on top of them:

- :mod:`activations_site.build` builds both languages (``scripts/build_site.py``);
- :mod:`activations_site.plots` draws the SVG figures from the registry;
- :mod:`activations_site.local_site` serves a built site the way deployers are told to.
"""
