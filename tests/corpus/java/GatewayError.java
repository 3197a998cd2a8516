package com.example.gateway;

public enum GatewayError {
    BACKEND_TIMEOUT("APIG.0201", true),
    AUTH_FAILED("APIG.0301", false),
    THROTTLED("APIG.0308", true);

    private final String code;
    private final boolean retryable;

    GatewayError(String code, boolean retryable) {
        this.code = code;
        this.retryable = retryable;
    }

    public String code() { return code; }

    public boolean retryable() { return retryable; }
}
