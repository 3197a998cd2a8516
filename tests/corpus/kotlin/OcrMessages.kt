package com.example.ocr

val OCR_MESSAGES = mapOf(
    "AIS.0101" to "The input parameter is invalid.",
    "AIS.0102" to "The image format is not supported.",
    "AIS.0103" to "The image size does not meet the requirements.",
    "AIS.0104" to "The image quality is poor.",
    "AIS.0105" to "Recognition failed.",
)

fun ocrMessage(code: String) = OCR_MESSAGES[code] ?: "Unexpected error."
