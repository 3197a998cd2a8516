package com.example.ocr;

/** The OCR service's error codes, as its documentation lists them. */
public final class OcrCodes {
    public static final String INVALID_PARAMETER = "AIS.0101";
    public static final String UNSUPPORTED_FORMAT = "AIS.0102";
    public static final String BAD_SIZE = "AIS.0103";
    public static final String POOR_QUALITY = "AIS.0104";
    public static final String RECOGNITION_FAILED = "AIS.0105";

    private OcrCodes() {}
}
