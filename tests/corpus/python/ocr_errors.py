"""Maps OCR error codes to exceptions raised by the client."""


class OcrError(Exception):
    pass


def raise_for(body):
    code = body.get("error_code")
    msg = body.get("error_msg", "")
    if code == "AIS.0101":
        raise ValueError(f"invalid parameter: {msg}")
    elif code == "AIS.0102":
        raise ValueError("unsupported image format")
    elif code == "AIS.0103":
        raise ValueError("image too large")
    elif code == "AIS.0105":
        raise OcrError("recognition failed")
    return body
