package com.example.ocr;

/** Turns OCR error codes into messages for the upload form. */
public final class OcrMessages {
    private OcrMessages() {}

    public static String forCode(String errorCode) {
        if (errorCode == null || errorCode.isEmpty()) {
            return "";
        }
        if ("AIS.0101".equals(errorCode)) {
            return "The image could not be read.";
        }
        if ("AIS.0102".equals(errorCode)) {
            return "The image is too large.";
        }
        if ("AIS.0103".equals(errorCode)) {
            return "The image format is not supported.";
        }
        if ("AIS.0104".equals(errorCode)) {
            return "The image quality is too poor.";
        }
        return "Recognition failed (" + errorCode + ").";
    }

    /** Only a bad image is the user's to fix; a guard clause, not a dispatch. */
    public static boolean isUserError(String errorCode) {
        if ("AIS.0101".equals(errorCode)) return true;
        if ("AIS.0104".equals(errorCode)) return true;
        return false;
    }
}
