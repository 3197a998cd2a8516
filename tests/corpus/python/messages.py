# User-facing texts for ModelArts platform errors (the OBS file size and existence errors
# still fall back to the generic text).
PLATFORM_MESSAGES = {
    "ModelArts.0203": "Your session expired. Sign in again.",
    "ModelArts.4101": "The request carries no token.",
    "ModelArts.4102": "The token could not be read.",
    "ModelArts.4103": "The token header is invalid.",
    "ModelArts.4104": "The request body length is wrong.",
    "ModelArts.4105": "The request body is not valid JSON.",
    "ModelArts.4201": "The URL lacks a service id.",
    "ModelArts.4202": "The URL is malformed.",
    "ModelArts.4203": "You do not have permission for this API.",
    "ModelArts.4204": "Subscribe to this API first.",
    "ModelArts.4301": "The service could not get an admin token.",
    "ModelArts.4302": "The gateway could not forward the request.",
    "ModelArts.4401": "Too many requests at once.",
    "ModelArts.4402": "The backend timed out.",
    "ModelArts.4403": "The backend is unavailable.",
    "ModelArts.4502": "The backend answered with an error.",
    "ModelArts.4503": "The backend could not be found.",
    "ModelArts.4504": "The backend API was not found.",
    "ModelArts.4505": "The backend failed internally.",
    "ModelArts.4506": "A sub-service could not be found.",
    "ModelArts.4508": "The service has not started.",
    "ModelArts.4601": "This URL is not allowed.",
    "ModelArts.4603": "The file could not be downloaded from the URL.",
    "ModelArts.4702": "The OBS agency query failed.",
    "ModelArts.4703": "The OBS URL is invalid.",
    "ModelArts.4704": "The file could not be read from OBS.",
}


def message(code):
    return PLATFORM_MESSAGES.get(code, "The platform reported an error.")
