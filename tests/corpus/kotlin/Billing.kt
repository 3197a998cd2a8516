package com.example.billing

fun billingHint(code: String): String = when (code) {
    "BILL-1001" -> "The card was declined."
    "BILL-1002" -> "The card has expired."
    "BILL-1003" -> "The amount exceeds the limit."
    "BILL-1005" -> "The currency is not supported."
    "BILL-1006" -> "The invoice was already paid."
    else -> "Billing error."
}

// Old clients still send BILL-1010 for a refused refund.
const val REFUND_REFUSED = "BILL-1003"
