package com.example.ocr

fun describe(code: String): String = when (code) {
    "AIS.0101" -> "invalid parameter"
    "AIS.0102" -> "unsupported format"
    "AIS.0103" -> "bad image size"
    "AIS.0104" -> "poor image quality"
    "AIS.0105" -> "recognition failed"
    else -> "unexpected error $code"
}
