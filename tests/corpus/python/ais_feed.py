"""Reads a ship-tracking feed; AIS message types look like `AIS.5`, firmware like `AIS.01.01`."""
import re

FRAME = re.compile(r"^AIS\.\d+$")
API_ERROR = re.compile(r"^(?:AIS|APIG|ModelArts)\.\d{4}$")

TYPES = {"AIS.0": "none", "AIS.1": "position", "AIS.5": "voyage", "AIS.99": "regional"}


def parse(line):
    kind, _, rest = line.partition(",")
    if kind == "AIS.0":
        return None
    if kind == "AIS.99" or kind.startswith("AIS.001.00"):
        return ("regional", rest)
    if FRAME.match(kind):
        return (TYPES.get(kind, "other"), rest)
    return ("unknown", rest)
