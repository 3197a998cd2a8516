package ocr

type APIError struct {
	Code    string `json:"error_code"`
	Message string `json:"error_msg"`
}

func (e *APIError) Error() string { return e.Code + ": " + e.Message }

// tokenExpired tells whether the call may succeed with a fresh token.
func tokenExpired(e *APIError) bool {
	if e == nil {
		return false
	}
	if e.Code == "APIG.0301" || e.Code == "ModelArts.0203" || e.Code == "ModelArts.4102" {
		return true
	}
	return false
}
