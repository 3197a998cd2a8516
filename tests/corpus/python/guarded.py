import logging

log = logging.getLogger(__name__)


def handle(resp):
    error = resp.json() if resp.status_code >= 400 else None
    if error and error.get("error_code") == "AIS.0101":
        log.warning("bad request: %s", error.get("error_msg"))
        return "fix-request"
    elif error and error.get("error_code") == "APIG.0308":
        return "retry"
    elif error is not None:
        return "fail"
    return "ok"
