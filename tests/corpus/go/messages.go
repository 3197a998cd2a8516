package ocr

// messages holds the texts shown in the console for OCR and gateway errors.
var messages = map[string]string{
	"AIS.0101":  "The input parameter is invalid.",
	"AIS.0102":  "The image format is not supported.",
	"AIS.0103":  "The image size does not meet the requirements.",
	"AIS.0104":  "The image quality is too poor.",
	"AIS.0105":  "Recognition failed.",
	"APIG.0101": "The API has not been published.",
	"APIG.0301": "Check your IAM credentials.",
	"APIG.0308": "Too many requests; slow down.",
}

// Message returns the console text for a code.
func Message(code string) string {
	if m, ok := messages[code]; ok {
		return m
	}
	return "Unexpected error " + code
}
