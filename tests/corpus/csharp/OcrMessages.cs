using System.Collections.Generic;

namespace Example.Ocr;

public static class OcrMessages
{
    public static readonly IReadOnlyDictionary<string, string> Texts = new Dictionary<string, string>
    {
        ["AIS.0101"] = "The input parameter is invalid.",
        ["AIS.0102"] = "The image format is not supported.",
        ["AIS.0103"] = "The image size does not meet the requirements.",
        ["AIS.0104"] = "The image quality is poor.",
        ["AIS.0105"] = "Recognition failed.",
    };
}
