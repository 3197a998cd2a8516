package com.example.ocr;

import java.util.Set;

public class RetryPolicy {
    private static final Set<String> RETRYABLE = Set.of("APIG.0308", "ModelArts.4401", "ModelArts.4402");

    public boolean retry(String code) {
        if ("APIG.0308".equals(code) || "ModelArts.4403".equals(code)) {
            return true;
        }
        return RETRYABLE.contains(code);
    }
}
