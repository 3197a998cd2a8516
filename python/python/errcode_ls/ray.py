"""Scan logs with Ray: one task per file, partial tallies merged by a tree of merge tasks.

>>> import ray
>>> from errcode_ls import ray as errcode_ray
>>> ray.init(runtime_env={"pip": ["errcode-ls"]})
>>> tally = errcode_ray.scan(["s3://logs/2026/"], catalog=Catalog.load(paths=["errors.md"]))

Ray tasks rather than Ray Data: a file's result is one small object, not rows, and tasks let the
merge itself run as a tree on the cluster. Workers need the ``errcode-ls`` package
(``runtime_env={"pip": [...]}`` or a cluster image).
"""

from __future__ import annotations

from typing import Any, Mapping, Optional

from errcode_ls.api import Catalog, Paths, Tally, expand, merge_all, scan_input


def _merge(*tallies: Tally) -> Tally:
    return merge_all(tallies)


def scan(
    paths: Paths,
    catalog: Optional[Catalog] = None,
    *,
    storage_options: Optional[Mapping[str, Any]] = None,
    timeline: bool = False,
    syslog_year: Optional[int] = None,
    fan_in: int = 8,
) -> Tally:
    """Scans ``paths`` (files, folders, fsspec URLs or prefixes) on the Ray cluster this
    process is connected to (``ray.init`` is called if it is not) and returns the merged
    :class:`~errcode_ls.api.Tally`, equal to what ``errcode-ls scan --json`` reports for the
    same files (with ``timeline=True``, what ``scan --timeline --json`` reports). Each file is
    a task; each merge task takes up to ``fan_in`` tallies.
    """
    import ray

    items = expand(paths, storage_options)
    if not items:
        return Tally()
    options = dict(storage_options) if storage_options else None
    scan_task = ray.remote(scan_input)
    merge_task = ray.remote(_merge)
    refs = [scan_task.remote(item, catalog, options, timeline, syslog_year) for item in items]
    while len(refs) > 1:
        refs = [merge_task.remote(*refs[i : i + fan_in]) for i in range(0, len(refs), fan_in)]
    return ray.get(refs[0])
