"""Scan logs with Dask: one task per file, partial tallies merged by a tree reduction.

>>> from dask.distributed import Client
>>> from errcode_ls import dask as errcode_dask
>>> client = Client("scheduler:8786")
>>> tally = errcode_dask.scan(["s3://logs/2026/"], catalog=Catalog.load(paths=["errors.md"]))

Runs on the current Dask scheduler (a ``distributed.Client`` if one is active). Workers need
the ``errcode-ls`` package installed (in their image, or with a worker plugin such as
``distributed.diagnostics.plugin.PipInstall``).
"""

from __future__ import annotations

from typing import Any, Mapping, Optional

from errcode_ls.api import Catalog, Paths, Tally, expand, scan_input


def _merge(left: Tally, right: Tally) -> Tally:
    return left.merge(right)


def scan(
    paths: Paths,
    catalog: Optional[Catalog] = None,
    *,
    storage_options: Optional[Mapping[str, Any]] = None,
    timeline: bool = False,
    syslog_year: Optional[int] = None,
    split_every: int = 8,
) -> Tally:
    """Scans ``paths`` (files, folders, fsspec URLs or prefixes) and returns the merged
    :class:`~errcode_ls.api.Tally`, equal to what ``errcode-ls scan --json`` reports for the
    same files (with ``timeline=True``, what ``scan --timeline --json`` reports). Each file is
    a task (gzip cannot be split); ``split_every`` tallies are merged per step of the tree.
    """
    import dask.bag as db

    items = expand(paths, storage_options)
    if not items:
        return Tally()
    options = dict(storage_options) if storage_options else None
    tallies = db.from_sequence(items, partition_size=1).map(scan_input, catalog, options, timeline, syslog_year)
    return tallies.fold(_merge, _merge, initial=Tally(), split_every=split_every).compute()
