package com.example.ocr;

import com.huaweicloud.sdk.ocr.v1.model.RecognizeGeneralTextResponse;

public class ResponseGuard {
    public boolean shouldResend(RecognizeGeneralTextResponse resp) {
        if (resp.getError_code() != null && resp.getError_code().equals("AIS.0101")) {
            return false;
        } else if (resp.getError_code() != null && resp.getError_code().equals("AIS.0103")) {
            return true;
        }
        return resp.getHttpStatusCode() >= 500;
    }
}
