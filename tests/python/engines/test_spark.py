"""errcode_ls.spark in local[2]: the result equals `errcode-ls scan --json` on the same files,
local and on S3."""

import pytest
from conftest import renamed

from errcode_ls import spark as errcode_spark


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("errcode-ls-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_a_folder_of_plain_and_gzip_logs(spark, logs, catalog):
    tally = errcode_spark.scan(spark, logs.root, catalog=catalog)
    assert tally.to_dict() == logs.reference


def test_an_s3_prefix(spark, logs, s3, catalog):
    tally = errcode_spark.scan(spark, s3.url, catalog=catalog, storage_options=s3.storage_options)
    assert tally.to_dict() == renamed(logs.reference, logs.root, s3.url)
