package ocr

import (
	"errors"
	"fmt"
)

var (
	ErrBadRequest  = errors.New("bad request")
	ErrUnavailable = errors.New("unavailable")
	ErrAuth        = errors.New("authentication")
)

// Translate turns every OCR and gateway error code into a Go error.
func Translate(code, msg string) error {
	switch code {
	case "AIS.0101", "AIS.0102", "AIS.0103", "AIS.0104":
		return fmt.Errorf("%w: %s", ErrBadRequest, msg)
	case "AIS.0105":
		return fmt.Errorf("recognition failed: %s", msg)
	case "APIG.0101":
		return fmt.Errorf("%w: API not published", ErrBadRequest)
	case "APIG.0201", "APIG.0308":
		return ErrUnavailable
	case "APIG.0301":
		return ErrAuth
	default:
		return fmt.Errorf("%s: %s", code, msg)
	}
}
