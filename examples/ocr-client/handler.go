package ocr

import "errors"

// Classify maps an OCR error code to an action.
func Classify(code string) error {
	switch code {
	case "AIS.0101", "AIS.0102", "AIS.0103":
		return errors.New("fix the request")
	case "APIG.0308", "ModelArts.4401":
		return errors.New("retry later")
	case "APIG.0301", "ModelArts.4102":
		return errors.New("refresh the token")
	default:
		return errors.New("contact support")
	}
}
