import sys

from hfaug.hubserver.cli import main

sys.exit(main())
