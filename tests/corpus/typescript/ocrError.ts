export enum OcrError {
  InvalidParameter = "AIS.0101",
  UnsupportedFormat = "AIS.0102",
  BadSize = "AIS.0103",
  PoorQuality = "AIS.0104",
  RecognitionFailed = "AIS.0105",
}

export function isOcrError(code: string): code is OcrError {
  return (Object.values(OcrError) as string[]).includes(code);
}
