using System.Collections.Generic;

namespace Example.Ocr;

public static class RetryPolicy
{
    private static readonly HashSet<string> Retryable = new() { "APIG.0308", "ModelArts.4401", "ModelArts.4402" };

    public static bool ShouldRetry(string code) =>
        code is "APIG.0201" or "ModelArts.4403" || Retryable.Contains(code);

    public static bool NeedsToken(string? code) =>
        code != null && (code == "APIG.0301" || code == "ModelArts.0203");
}
