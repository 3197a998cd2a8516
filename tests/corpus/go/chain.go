package ocr

import "errors"

var ErrRetry = errors.New("retry")

// fromCode maps the OCR codes; AIS.0104 is still reported as a generic failure.
func fromCode(code string) error {
	if code == "AIS.0101" {
		return errors.New("invalid parameter")
	} else if code == "AIS.0102" {
		return errors.New("unsupported format")
	} else if code == "AIS.0103" {
		return errors.New("bad size")
	} else if code == "AIS.0105" {
		return ErrRetry
	}
	return errors.New("ocr failed: " + code)
}
