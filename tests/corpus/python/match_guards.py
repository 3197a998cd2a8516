def plan(code, attempt):
    match code:
        case "APIG.0201" if attempt < 3:
            return "retry"
        case "APIG.0201":
            return "give up"
        case "APIG.0301":
            return "reauthenticate"
        case "APIG.0308":
            return "backoff"
        case _:
            return "fail"
