namespace Example.Gateway;

public static class GatewayHandler
{
    public static string Action(string code)
    {
        switch (code)
        {
            case "APIG.0101":
                return "publish the API first";
            case "APIG.0201":
                return "retry later";
            case "APIG.0301":
                return "check the credentials";
            case "APIG.0308":
                return "slow down";
            default:
                return "contact support";
        }
    }
}
