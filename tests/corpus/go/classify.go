package retry

// IsAuthFailure reports whether a gateway answer means the credentials must be renewed.
func IsAuthFailure(errorCode string) bool {
	switch errorCode {
	case "DNS.0005", "APIG.0301", "APIGW.0301":
		return true
	default:
		return false
	}
}

// IsThrottled reports whether the caller should slow down.
func IsThrottled(errorCode string) bool {
	switch errorCode {
	case "APIG.0308", "ModelArts.4401":
		return true
	}
	return false
}
