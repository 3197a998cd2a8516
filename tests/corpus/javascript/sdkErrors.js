import { ErrorCodes } from "@example/ocr-sdk";

export function describe(code) {
  switch (code) {
    case ErrorCodes.INVALID_PARAMETER:
      return "Check the request.";
    case "AIS.0102":
      return "Use a JPG or PNG.";
    case "AIS.0103":
      return "Use a smaller image.";
    case "AIS.0104":
      return "Use a sharper image.";
  }
  return "Try again.";
}
