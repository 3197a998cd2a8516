export function uploadError(code: string): string {
  if (code === "AIS.0101") {
    return "Invalid request.";
  } else if (code === "AIS.0102") {
    return "Unsupported format.";
  } else if (code === "AIS.0104") {
    return "Poor quality.";
  } else if (code === "AIS.0105") {
    return "Recognition failed.";
  }
  return "Unknown error.";
}
