package com.example.scan;

/** Shows the outcome of an OCR call to the user. */
public class RecognitionActivity {
    void onResult(OcrResponse response) {
        if (response != null && response.getResult() != null) {
            show(response.getResult());
        } else if (response != null && "AIS.0101".equals(response.getErrorCode())) {
            toast("The photo could not be read.");
        } else if (response != null && "AIS.0103".equals(response.getErrorCode())) {
            toast("The photo is too large.");
        } else if (response != null && "AIS.0104".equals(response.getErrorCode())) {
            toast("The photo is too blurred.");
        } else {
            toast("Recognition failed.");
        }
    }

    void show(Object result) {}

    void toast(String message) {}

    interface OcrResponse {
        Object getResult();
        String getErrorCode();
    }
}
