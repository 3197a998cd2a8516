from dataclasses import dataclass


@dataclass
class Outcome:
    retry: bool
    reason: str


def outcome(error_code: str) -> Outcome:
    match error_code:
        case "APIG.0101":
            return Outcome(False, "API not published in this environment")
        case "APIG.0201":
            return Outcome(True, "backend timeout")
        case "APIG.0301":
            return Outcome(False, "bad credentials")
        case "APIG.0308":
            return Outcome(True, "throttled")
        case _:
            return Outcome(False, error_code)
