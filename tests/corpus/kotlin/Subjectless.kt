package com.example.gateway

fun label(code: String?): String = when {
    code == null -> "ok"
    code == "APIG.0101" -> "not published"
    code == "APIG.0201" -> "backend timeout"
    code == "APIG.0301" -> "bad credentials"
    code == "APIG.0308" -> "throttled"
    else -> "other"
}
