"""Type stubs of the native module: the program (`main`) and the scanning API."""

import os
from typing import IO, Dict, List, Literal, Optional, Sequence, Union

import pyarrow

__version__: str

def main(argv: Sequence[Union[str, bytes, os.PathLike[str]]]) -> int:
    """Runs `errcode-ls` with `argv` (the first item names the program); returns its exit status."""

class Catalog:
    """The error catalogs a scan recognises codes with: the built-in one and catalog files.

    Pickles as the arguments it was loaded with; a worker that receives one loads the same files
    itself, once per process.
    """

    @staticmethod
    def load(paths: Sequence[Union[str, os.PathLike[str]]] = ..., builtin: bool = True) -> "Catalog":
        """Loads the built-in catalog (unless `builtin=False`) and the catalog files in `paths`.
        A missing file raises `FileNotFoundError`; a malformed row is listed in `problems`."""
    @property
    def paths(self) -> List[str]:
        """The catalog files, as absolute paths (or URLs)."""
    @property
    def builtin(self) -> bool:
        """Whether the built-in catalog is part of it."""
    @property
    def problems(self) -> List[str]:
        """What went wrong while loading, one message each, naming file and line."""
    def __len__(self) -> int:
        """The number of codes."""

class Tally:
    """What scans found: per code, its lines, those matched by message only, and the first and
    last of them; plus the inputs scanned. Merges with other tallies in any order."""

    def __init__(self) -> None:
        """An empty tally (the neutral element of `merge`)."""
    def merge(self, other: "Tally") -> "Tally":
        """A new tally with the counts of both (inputs must differ)."""
    def __add__(self, other: "Tally") -> "Tally": ...
    def __eq__(self, other: object) -> bool: ...
    def __len__(self) -> int:
        """The number of distinct codes."""
    @property
    def counts(self) -> Dict[str, int]:
        """Lines per code."""
    @property
    def unknown(self) -> Dict[str, Literal["unknown", "foreign"]]:
        """Codes in no catalog: of a known namespace (`unknown`) or of an error body (`foreign`)."""
    @property
    def by_message(self) -> Dict[str, int]:
        """Lines matched only by a code's catalog message, per code that has any."""
    @property
    def lines(self) -> int:
        """Lines scanned over all inputs."""
    @property
    def bytes(self) -> int:
        """Bytes scanned (decompressed) over all inputs."""
    def to_dict(self, bucket: str = "auto") -> dict:
        """The report as `errcode-ls scan --json` prints it for the same inputs (with a
        `timeline` in buckets of `bucket` when scanned with `timeline=True`)."""
    def to_json(self, bucket: str = "auto") -> str:
        """`to_dict()` as JSON text, formatted as `scan --json` prints it."""
    def to_arrow(self) -> pyarrow.Table:
        """One row per code: `code, kind, count, by_message, first_path, first_line, last_path,
        last_line, message, solution`."""

def scan(
    source: Union[str, os.PathLike[str], bytes, bytearray, IO[bytes]],
    catalog: Optional[Catalog] = None,
    *,
    name: Optional[str] = None,
    rank: int = 0,
    skip_binary: bool = False,
    timeline: bool = False,
    syslog_year: Optional[int] = None,
) -> Tally:
    """Scans one log (a path, bytes or a binary file object read in chunks; gzip recognised by
    its content) with the interpreter's lock released, and returns its `Tally`. With
    `timeline=True`, codes are counted per minute too."""
