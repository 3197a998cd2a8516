import { OcrError } from "./ocrError";

export const retryable = {
  "AIS.0101": false,
  "AIS.0102": false,
  "AIS.0103": false,
  "AIS.0104": false,
  "AIS.0105": true,
} satisfies Record<OcrError, boolean>;
