package gateway

import "example.com/client/apierr"

// Retryable reports whether the request may be sent again.
func Retryable(code string) bool {
	switch code {
	case apierr.BackendTimeout, apierr.Throttled:
		return true
	default:
		return false
	}
}
