namespace Example.Ocr;

public record ErrorBody(string? ErrorCode, string? ErrorMsg);

public static class Guarded
{
    public static string Next(ErrorBody? body)
    {
        if (body?.ErrorCode != null && body.ErrorCode == "APIG.0308")
        {
            return "backoff";
        }
        else if (body?.ErrorCode != null && body.ErrorCode.Equals("APIG.0301"))
        {
            return "reauthenticate";
        }
        return body == null ? "ok" : "fail";
    }
}
