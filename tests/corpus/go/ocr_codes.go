package ocr

// Codes the OCR service returns in error_code.
const (
	CodeInvalidParameter  = "AIS.0101"
	CodeUnsupportedFormat = "AIS.0102"
	CodeBadSize           = "AIS.0103"
	CodePoorQuality       = "AIS.0104"
	CodeRecognitionFailed = "AIS.0105"
)

// Describe turns a service error into advice for the user.
func Describe(code string) string {
	switch code {
	case CodeInvalidParameter:
		return "check the request parameters"
	case CodeUnsupportedFormat, CodeBadSize:
		return "send a JPG or PNG under 10 MB"
	case CodePoorQuality:
		return "send a sharper image"
	}
	return "try again later"
}
