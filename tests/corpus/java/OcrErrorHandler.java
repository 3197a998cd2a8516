package com.example.ocr;

public final class OcrErrorHandler {
    private OcrErrorHandler() {}

    public static String describe(String code) {
        switch (code) {
            case "AIS.0101":
                return "invalid parameter";
            case "AIS.0102":
                return "unsupported image format";
            case "AIS.0103":
                return "image size out of range";
            case "AIS.0104":
                return "poor image quality";
            case "AIS.0105":
                return "recognition failed";
            default:
                return "unexpected error " + code;
        }
    }
}
