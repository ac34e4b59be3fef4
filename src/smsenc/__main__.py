"""``python -m smsenc``: the same as the ``smsenc`` command."""

import sys

from .cli import main

sys.exit(main())
