"""Calls the OCR service and decides what to do with its error codes."""

RETRYABLE = {"ModelArts.4204": False, "APIG.0308": True}


def describe(error_code):
    if error_code == "AIS.0101":
        return "bad input"
    if error_code == "AIS.0110":
        return "mistyped code"
    return "other"
