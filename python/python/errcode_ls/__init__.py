"""errcode-ls: API error codes explained in your editor and terminal.

The package installs the ``errcode-ls`` command (the language server and the CLI). The
native module ``errcode_ls._native`` carries the program itself.
"""

from errcode_ls._native import __version__

__all__ = ["__version__"]
