package com.example.ocr;

public final class EqualsChain {
    /** Upload hints; the size error has no hint of its own yet. */
    public static String hint(String code) {
        if ("AIS.0101".equals(code)) {
            return "check the parameters";
        } else if ("AIS.0102".equals(code)) {
            return "use a supported format";
        } else if ("AIS.0104".equals(code)) {
            return "use a sharper image";
        } else if ("AIS.0105".equals(code)) {
            return "try another image";
        }
        return "unexpected error";
    }

    private EqualsChain() {}
}
