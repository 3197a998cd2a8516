"""errcode_ls.dask on a LocalCluster of two worker processes: the result equals
`errcode-ls scan --json` on the same files, local and on S3."""

import pytest
from conftest import cli_report, renamed

from errcode_ls import dask as errcode_dask


@pytest.fixture(scope="module")
def client():
    from dask.distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    )
    client = Client(cluster)
    yield client
    client.close()
    cluster.close()


def test_a_folder_of_plain_and_gzip_logs(client, logs, catalog):
    tally = errcode_dask.scan(logs.root, catalog=catalog)
    assert tally.to_dict() == logs.reference
    # The files really were scanned on both worker processes, not in this one.
    assert len(client.scheduler_info()["workers"]) == 2


def test_an_s3_prefix(client, logs, s3, catalog):
    tally = errcode_dask.scan(s3.url, catalog=catalog, storage_options=s3.storage_options)
    assert tally.to_dict() == renamed(logs.reference, logs.root, s3.url)


def test_file_urls_in_the_given_order(client, logs, catalog):
    names = ["tail.log", "a-b/app-02.log", "a/app-01.log.gz"]
    paths = [f"{logs.root}/{name}" for name in names]
    tally = errcode_dask.scan(["file://" + p for p in paths], catalog=catalog)
    assert tally.to_dict() == renamed(cli_report(*paths), logs.root, "file://" + logs.root)


def test_the_timeline_over_the_cluster(client, logs, catalog):
    tally = errcode_dask.scan(logs.root, catalog=catalog, timeline=True, syslog_year=2026)
    reference = cli_report(logs.root, options=["--timeline", "--bucket", "1m", "--syslog-year", "2026"])
    assert tally.to_dict("1m") == reference
