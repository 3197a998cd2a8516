"""The Python API of errcode-ls: scan logs for error codes from Python.

>>> from errcode_ls.api import Catalog, scan
>>> catalog = Catalog.load(paths=["docs/errors.md"])
>>> tally = scan("logs/app.log.gz", catalog=catalog)
>>> tally.to_dict()["codes"][0]["code"]

``scan`` reads a path, ``bytes``, a binary file object or an fsspec URL (``s3://…``,
``file://…``), streaming it in chunks, gzip recognised by its content. A ``Tally`` merges with
others in any order and grouping; :mod:`errcode_ls.dask`, :mod:`errcode_ls.spark` and
:mod:`errcode_ls.ray` use that to scan a folder or bucket with one task per file.

The helpers below (``expand``, ``scan_input``, ``merge_all``) are what those adapters share;
they are public so that other engines can be driven the same way.
"""

from __future__ import annotations

import os
from typing import IO, Any, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from errcode_ls._native import Catalog, Tally
from errcode_ls._native import scan as _native_scan

__all__ = ["Catalog", "Tally", "scan", "expand", "scan_input", "merge_all", "Input"]

Source = Union[str, "os.PathLike[str]", bytes, bytearray, IO[bytes]]
Paths = Union[str, "os.PathLike[str]", Sequence[Union[str, "os.PathLike[str]"]]]
#: One input for a task: its rank among the inputs, its path or URL, and whether it was found
#: in a folder (then a binary file is skipped, as ``errcode-ls scan DIR`` skips it).
Input = Tuple[int, str, bool]


def is_url(path: str) -> bool:
    """Whether ``path`` names a file through fsspec (``s3://``, ``file://``, ``gs://``, …)."""
    return "://" in path


def scan(
    source: Source,
    catalog: Optional[Catalog] = None,
    *,
    name: Optional[str] = None,
    rank: int = 0,
    skip_binary: bool = False,
    storage_options: Optional[Mapping[str, Any]] = None,
    timeline: bool = False,
    syslog_year: Optional[int] = None,
) -> Tally:
    """Scans one log and returns its :class:`Tally`.

    ``source`` is a local path, ``bytes``, a binary file object, or an fsspec URL, opened with
    ``storage_options`` and streamed (never loaded whole). ``catalog`` defaults to the built-in
    catalog. ``name`` names the input in positions (default: the path or URL as given);
    ``rank`` orders inputs when tallies merge; ``timeline=True`` counts codes per minute too
    (``to_dict()`` then has ``scan --timeline``'s ``timeline``). See
    :func:`errcode_ls._native.scan`.
    """
    if isinstance(source, str) and is_url(source):
        import fsspec

        with fsspec.open(source, "rb", **dict(storage_options or {})) as stream:
            return _native_scan(stream, catalog, name=name or source, rank=rank, skip_binary=skip_binary,
                                timeline=timeline, syslog_year=syslog_year)
    return _native_scan(source, catalog, name=name, rank=rank, skip_binary=skip_binary, timeline=timeline,
                        syslog_year=syslog_year)


def expand(paths: Paths, storage_options: Optional[Mapping[str, Any]] = None) -> List[Input]:
    """The files to scan, in the order ``errcode-ls scan`` takes them: each path as given, a
    folder (or an object-store prefix) replaced by the files under it, sorted by name component
    by component, hidden entries (a name starting with ``.``) and symbolic links skipped. Each
    comes with its rank (its place in that order) and whether it was found in a folder.
    Raises ``FileNotFoundError`` for a path that does not exist.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    files: List[Tuple[str, bool]] = []
    for path in paths:
        path = os.fspath(path)
        if is_url(path):
            files.extend(_expand_url(path, storage_options))
        elif os.path.isdir(path):
            files.extend((found, True) for found in _walk(path))
        elif os.path.exists(path):
            files.append((path, False))
        else:
            raise FileNotFoundError(f"{path}: cannot scan: no such file or folder")
    return [(rank, path, in_folder) for rank, (path, in_folder) in enumerate(files)]


def _walk(root: str) -> List[str]:
    found = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".") and not os.path.islink(os.path.join(folder, d))]
        for name in names:
            full = os.path.join(folder, name)
            if not name.startswith(".") and os.path.isfile(full) and not os.path.islink(full):
                found.append(full)
    return sorted(found, key=lambda p: os.path.relpath(p, root).split(os.sep))


def _expand_url(url: str, storage_options: Optional[Mapping[str, Any]]) -> List[Tuple[str, bool]]:
    import fsspec.core

    fs, root = fsspec.core.url_to_fs(url, **dict(storage_options or {}))
    if not fs.isdir(root):
        if not fs.exists(root):
            raise FileNotFoundError(f"{url}: cannot scan: no such file or prefix")
        return [(url, False)]
    root = root.rstrip("/")
    found = []
    for path in fs.find(root):
        relative = path[len(root) :].lstrip("/").split("/")
        if any(part.startswith(".") for part in relative):
            continue
        found.append((relative, url.rstrip("/") + "/" + "/".join(relative)))
    return [(name, True) for _, name in sorted(found)]


def scan_input(
    item: Input,
    catalog: Optional[Catalog] = None,
    storage_options: Optional[Mapping[str, Any]] = None,
    timeline: bool = False,
    syslog_year: Optional[int] = None,
) -> Tally:
    """Scans one input of :func:`expand` (the body of an engine's task)."""
    rank, path, in_folder = item
    return scan(path, catalog, rank=rank, skip_binary=in_folder, storage_options=storage_options,
                timeline=timeline, syslog_year=syslog_year)


def merge_all(tallies: Iterable[Tally]) -> Tally:
    """Merges tallies (any number, any order) into one."""
    merged = Tally()
    for tally in tallies:
        merged = merged.merge(tally)
    return merged
