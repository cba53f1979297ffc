"""Allow ``python -m ntm_analysis``."""

import sys

from ntm_analysis.cli import main

sys.exit(main())
