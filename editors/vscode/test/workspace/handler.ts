// Maps an OCR error code to what the caller should do.
export function classify(code: string): string {
  switch (code) {
    case "AIS.0101":
    case "AIS.0102":
      return "fix the request";
    case "AIS.0103":
      return "image too large";
  }
  return "unknown";
}
