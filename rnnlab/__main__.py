"""``python -m rnnlab``: như lệnh ``rnnlab`` (xem ``rnnlab/cli.py``)."""

import sys

from .cli import main

sys.exit(main())
