"""Maps the gateway's answers to what the user is told."""


def advice(error_code):
    if error_code == "AIS.0117":
        return "Retake the photo in better light."
    return "Try again later."
