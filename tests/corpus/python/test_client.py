import pytest

from ocr.client import OcrClient, OcrError


@pytest.mark.parametrize(
    "body, retried",
    [
        ({"error_code": "APIG.0308", "error_msg": "throttled"}, True),
        ({"error_code": "ModelArts.4402", "error_msg": "timeout"}, True),
        ({"error_code": "AIS.0103", "error_msg": "image too large"}, False),
    ],
)
def test_retries_only_transient_errors(fake_api, body, retried):
    fake_api.respond(body)
    with pytest.raises(OcrError):
        OcrClient(fake_api.url).recognize(b"img")
    assert fake_api.retried == retried


def test_an_unlisted_code_is_passed_through(fake_api):
    fake_api.respond({"error_code": "AIS.9999", "error_msg": "new"})
    with pytest.raises(OcrError, match="AIS.9999"):
        OcrClient(fake_api.url).recognize(b"img")
