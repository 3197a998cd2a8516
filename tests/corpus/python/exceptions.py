"""One exception class per error code, as the service's own SDK declares them."""


class ApigError(Exception):
    code = NotImplemented
    msg = NotImplemented

    def __str__(self):
        return f"ApigError: ({self.code}, {self.msg})"


class ApigNotPublished(ApigError):
    code = "APIG.0101"
    msg = "The API does not exist or has not been published."


class ApigBackendTimeout(ApigError):
    code = "APIG.0201"
    msg = "Backend timeout."


class ApigAuth(ApigError):
    code = "APIG.0301"
    msg = "Incorrect IAM authentication information."


class ApigThrottled(ApigError):
    code = "APIG.0308"
    msg = "The throttling threshold has been reached."


class ApigQuota(ApigError):
    code = "APIG.0309"
    msg = "Quota exhausted."
