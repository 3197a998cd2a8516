"""Scan logs with Spark: one task per file (``mapPartitions``), partial tallies merged by
``treeReduce``.

>>> from errcode_ls import spark as errcode_spark
>>> tally = errcode_spark.scan(spark, ["s3://logs/2026/"], catalog=Catalog.load(paths=["errors.md"]))

Executors need the ``errcode-ls`` package: ship a packed environment with
``spark-submit --archives env.tar.gz#env`` and ``PYSPARK_PYTHON=./env/bin/python``.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator, Mapping, Optional

from errcode_ls.api import Catalog, Input, Paths, Tally, expand, scan_input


def _merge(left: Tally, right: Tally) -> Tally:
    return left.merge(right)


def scan(
    spark: Any,
    paths: Paths,
    catalog: Optional[Catalog] = None,
    *,
    storage_options: Optional[Mapping[str, Any]] = None,
    timeline: bool = False,
    syslog_year: Optional[int] = None,
    depth: int = 2,
) -> Tally:
    """Scans ``paths`` (files, folders, fsspec URLs or prefixes) on ``spark`` (a
    ``SparkSession``) and returns the merged :class:`~errcode_ls.api.Tally`, equal to what
    ``errcode-ls scan --json`` reports for the same files (with ``timeline=True``, what
    ``scan --timeline --json`` reports). Files are listed on the driver;
    each is one partition; ``depth`` is the depth of ``treeReduce``'s tree.
    """
    items = expand(paths, storage_options)
    if not items:
        return Tally()
    options = dict(storage_options) if storage_options else None

    def scan_partition(part: Iterable[Input]) -> Iterator[Tally]:
        tally = Tally()
        for item in part:
            tally = tally.merge(scan_input(item, catalog, options, timeline, syslog_year))
        yield tally

    rdd = spark.sparkContext.parallelize(items, numSlices=len(items))
    return rdd.mapPartitions(scan_partition).treeReduce(_merge, depth=depth)
