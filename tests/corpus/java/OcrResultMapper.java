package com.example.ocr;

import static com.example.ocr.OcrCodes.*;

final class OcrResultMapper {
    private OcrResultMapper() {}

    static OcrFailure toFailure(String errorCode, String message) {
        switch (errorCode) {
            case OcrCodes.INVALID_PARAMETER:
                return OcrFailure.badRequest(message);
            case OcrCodes.UNSUPPORTED_FORMAT:
            case OcrCodes.BAD_SIZE:
                return OcrFailure.badImage(message);
            case OcrCodes.POOR_QUALITY:
                return OcrFailure.retryWithBetterImage(message);
            default:
                return OcrFailure.unknown(errorCode, message);
        }
    }

    static boolean isClientError(String errorCode) {
        switch (errorCode) {
            case INVALID_PARAMETER:
            case UNSUPPORTED_FORMAT:
                return true;
            default:
                return false;
        }
    }
}
