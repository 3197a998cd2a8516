namespace Example.Ocr;

public static class OcrHints
{
    public static string Hint(string code) => code switch
    {
        "AIS.0101" => "Check the request parameters.",
        "AIS.0103" => "Resize the image.",
        "AIS.0104" => "Use a sharper image.",
        "AIS.0105" => "Try again with another image.",
        _ => "Unexpected error.",
    };
}
