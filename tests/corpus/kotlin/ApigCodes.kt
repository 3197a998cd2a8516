package com.example.gateway

object ApigCodes {
    const val API_NOT_FOUND = "APIG.0101"
    const val BACKEND_TIMEOUT = "APIG.0201"
    const val AUTH_FAILED = "APIG.0301"
    const val THROTTLED = "APIG.0308"
}

fun statusFor(code: String): Int = when (code) {
    ApigCodes.API_NOT_FOUND -> 404
    ApigCodes.BACKEND_TIMEOUT -> 504
    ApigCodes.AUTH_FAILED -> 401
    ApigCodes.THROTTLED -> 429
    else -> 500
}
