package com.example.ocr

fun isRetryable(code: String?): Boolean = when (code) {
    "APIG.0308", "ModelArts.4401", "ModelArts.4402" -> true
    else -> false
}

val TOKEN_ERRORS = setOf("APIG.0301", "ModelArts.0203")

fun needsToken(code: String) = code in TOKEN_ERRORS || code == "ModelArts.4102"
