package com.example.gateway;

/** Gateway error codes the client refers to by name. */
public final class ApigCodes {
    public static final String AUTH_FAILED = "APIG.0301";
    public static final String THROTTLED = "APIG.0308";
    /** Never documented; kept for old gateways. */
    public static final String LEGACY_THROTTLED = "APIG.0380";

    private ApigCodes() {}
}
