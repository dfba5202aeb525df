"""Serve the test run's built site at the address it is built for, until the run ends.

Usage (by tests/conftest.py): ``python tests/site_server.py SITE_DIR PORT_FILE RUN_PID``.

Binds 127.0.0.1 on a free port, writes the port to PORT_FILE (the build then
uses ``SITE_URL=http://127.0.0.1:PORT/``, so the browser loads the site from
exactly the address it was built for: no request routing, the browser's HTTP
cache works, and Material's language switch reads the sitemap it was built
with), serves SITE_DIR with the site's Content-Security-Policy, and exits when
the pytest process RUN_PID has ended.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from activations_site import local_site


def main(site: str, port_file: str, run_pid: str) -> int:
    Path(site).mkdir(parents=True, exist_ok=True)
    server = local_site.serve(Path(site))
    partial = Path(port_file + ".tmp")
    partial.write_text(str(server.server_address[1]))
    os.replace(partial, port_file)
    while True:
        try:
            os.kill(int(run_pid), 0)
        except ProcessLookupError:
            break
        time.sleep(1.0)
    server.shutdown()
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
