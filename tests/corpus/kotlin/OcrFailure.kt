package com.example.ocr

sealed class OcrFailure(val code: String) {
    object InvalidParameter : OcrFailure("AIS.0101")
    object UnsupportedFormat : OcrFailure("AIS.0102")
    object BadSize : OcrFailure("AIS.0103")
    object PoorQuality : OcrFailure("AIS.0104")
    object RecognitionFailed : OcrFailure("AIS.0105")
}

/** Ship frames carry types such as AIS.99; they are not failures. */
fun isShipFrame(token: String) = token.matches(Regex("""AIS\.\d{1,2}"""))
