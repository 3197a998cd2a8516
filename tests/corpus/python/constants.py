"""Codes the client names; everything else is logged as it comes."""

INVALID_PARAMETER = "AIS.0101"
THROTTLED = "APIG.0308"
NOT_SUBSCRIBED = "ModelArts.4204"
# Seen once from a staging gateway; not a documented code.
STAGING_TIMEOUT = "APIG.0209"
