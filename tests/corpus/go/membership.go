package ocr

import "slices"

var permanent = []string{"AIS.0101", "AIS.0102", "AIS.0103"}

// Permanent reports whether resending the same image can never succeed.
func Permanent(code string) bool {
	return slices.Contains(permanent, code) || code == "ModelArts.4204"
}
