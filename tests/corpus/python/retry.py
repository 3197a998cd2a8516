import time

RETRYABLE = {"APIG.0308", "ModelArts.4401", "ModelArts.4402", "ModelArts.4403"}
TOKEN_ERRORS = ("APIG.0301", "ModelArts.0203", "ModelArts.4102")


def should_retry(code):
    return code in RETRYABLE


def call_with_retry(call, attempts=3):
    for attempt in range(attempts):
        body = call()
        code = body.get("error_code")
        if code in TOKEN_ERRORS:
            body = call(refresh=True)
            code = body.get("error_code")
        if code is None or not should_retry(code):
            return body
        if code == "APIG.0308" or code == "ModelArts.4401":
            time.sleep(2 ** attempt)
    return body
