"""`python -m studio.kernel ADDRESS`: a kernel process (started by the app, never by hand)."""

import sys

from studio.kernel.child import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
