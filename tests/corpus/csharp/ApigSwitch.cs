namespace Example.Gateway;

public static class ApigSwitch
{
    // The backend timeout is left to the caller's generic handling.
    public static int RetryAfterSeconds(string code)
    {
        switch (code)
        {
            case "APIG.0101":
                return -1;
            case "APIG.0301":
                return 0;
            case "APIG.0308":
                return 5;
        }
        return -1;
    }
}
