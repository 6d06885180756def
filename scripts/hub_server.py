#!/usr/bin/env python
"""Run the local Hub server: ``python scripts/hub_server.py --port 8123 --root hub-data [--token T]``.

Clients use it with ``HF_ENDPOINT=http://127.0.0.1:8123`` and ``HF_HUB_DISABLE_XET=1``.
"""

import sys

from hfaug.hubserver.cli import main

if __name__ == "__main__":
    sys.exit(main())
