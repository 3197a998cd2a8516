package com.example.gateway

enum class Action { RETRY, REAUTH, FAIL }

fun action(code: String): Action {
    return when (code) {
        "APIG.0101" -> Action.FAIL
        "APIG.0201" -> Action.RETRY
        "APIG.0301" -> Action.REAUTH
        else -> Action.FAIL
    }
}
