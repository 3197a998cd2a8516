"""The ``errcode-ls`` command (and ``python -m errcode_ls``)."""

import os
import signal
import sys

from errcode_ls._native import main as _native_main


def main() -> None:
    # The interpreter turns Ctrl-C into an exception it can only raise once native code
    # returns; the default action ends the command at once, as it ends the standalone binary.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    argv = ["errcode-ls", *sys.argv[1:]]
    sys.exit(_native_main(argv))


if __name__ == "__main__":
    main()
