package com.example.ocr

enum class OcrError(val code: String) {
    INVALID_PARAMETER("AIS.0101"),
    UNSUPPORTED_FORMAT("AIS.0102"),
    BAD_SIZE("AIS.0103"),
    POOR_QUALITY("AIS.0104"),
    RECOGNITION_FAILED("AIS.0105"),
}

fun isRetryable(code: String): Boolean = when (code) {
    OcrError.RECOGNITION_FAILED.code -> true
    else -> false
}

fun userMessage(code: String): String = when (code) {
    OcrError.INVALID_PARAMETER.code -> "Check the request."
    OcrError.UNSUPPORTED_FORMAT.code -> "Use a JPG or PNG image."
    OcrError.BAD_SIZE.code -> "Use an image under 10 MB."
    OcrError.POOR_QUALITY.code -> "Use a sharper image."
    else -> "Recognition failed: $code"
}
