package com.example.modelarts;

public final class PlatformStatus {
    public static int status(String code) {
        return switch (code) {
            case "ModelArts.0203", "ModelArts.4101", "ModelArts.4102", "ModelArts.4103" -> 401;
            case "ModelArts.4104", "ModelArts.4105", "ModelArts.4201", "ModelArts.4202" -> 400;
            case "ModelArts.4203", "ModelArts.4204", "ModelArts.4601" -> 403;
            case "ModelArts.4401" -> 429;
            case "ModelArts.4402" -> 504;
            case "ModelArts.4403", "ModelArts.4502", "ModelArts.4503", "ModelArts.4504" -> 503;
            case "ModelArts.4505", "ModelArts.4506", "ModelArts.4508" -> 500;
            case "ModelArts.4603", "ModelArts.4702", "ModelArts.4703" -> 400;
            case "ModelArts.4704", "ModelArts.4705", "ModelArts.4706" -> 400;
            default -> 500;
        };
    }

    private PlatformStatus() {}
}
