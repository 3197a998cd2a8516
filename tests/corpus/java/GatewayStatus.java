package com.example.gateway;

final class GatewayStatus {
    private GatewayStatus() {}

    static int httpStatus(String errorCode) {
        if (GatewayError.BACKEND_TIMEOUT.code().equals(errorCode)) {
            return 504;
        } else if (GatewayError.AUTH_FAILED.code().equals(errorCode)) {
            return 401;
        } else if (GatewayError.THROTTLED.code().equals(errorCode)) {
            return 429;
        }
        return 502;
    }
}
