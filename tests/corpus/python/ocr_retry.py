from . import ocr_codes


def advice(error_code):
    if error_code == ocr_codes.INVALID_PARAMETER:
        return "Check the request parameters."
    elif error_code in (ocr_codes.UNSUPPORTED_FORMAT, ocr_codes.BAD_SIZE):
        return "Send a JPG or PNG under 10 MB."
    elif error_code == ocr_codes.RECOGNITION_FAILED:
        return "Try again later."
    return None


def should_retry(error_code):
    return error_code == ocr_codes.RECOGNITION_FAILED
