namespace Example.Platform;

public static class PlatformCodes
{
    public const string TokenInvalid = "ModelArts.0203";
    public const string NotSubscribed = "ModelArts.4204";
    public const string Overloaded = "ModelArts.4401";
    // Reported by the console when an OBS object is missing (the API says 4706).
    public const string ObsMissing = "ModelArts.4700";
}
