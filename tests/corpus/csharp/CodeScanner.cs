using System.Text.RegularExpressions;

namespace Example.Logs;

public static class CodeScanner
{
    private static readonly Regex ApiCode = new(@"^(AIS|APIG)\.\d{4}$");
    private const string ShipFrameEmpty = "AIS.0";
    private const string OtherGateway = "APIGW.0301";

    public static bool IsApiCode(string token) =>
        token != ShipFrameEmpty && token != OtherGateway && ApiCode.IsMatch(token);
}
