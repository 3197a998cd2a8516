"""errcode_ls.ray on a local Ray instance: the result equals `errcode-ls scan --json` on the same
files, local and on S3."""

import pytest
from conftest import renamed

from errcode_ls import ray as errcode_ray


@pytest.fixture(scope="module")
def ray_local():
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, _node_ip_address="127.0.0.1")
    yield ray
    ray.shutdown()


def test_a_folder_of_plain_and_gzip_logs(ray_local, logs, catalog):
    tally = errcode_ray.scan(logs.root, catalog=catalog)
    assert tally.to_dict() == logs.reference


def test_an_s3_prefix(ray_local, logs, s3, catalog):
    tally = errcode_ray.scan(s3.url, catalog=catalog, storage_options=s3.storage_options)
    assert tally.to_dict() == renamed(logs.reference, logs.root, s3.url)
