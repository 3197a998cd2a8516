package modelarts

import "net/http"

// Status picks the HTTP status a proxy answers for each ModelArts platform error.
func Status(code string) int {
	switch code {
	case "ModelArts.0203", "ModelArts.4101", "ModelArts.4102", "ModelArts.4103":
		return http.StatusUnauthorized
	case "ModelArts.4104", "ModelArts.4105", "ModelArts.4201", "ModelArts.4202":
		return http.StatusBadRequest
	case "ModelArts.4203", "ModelArts.4204":
		return http.StatusForbidden
	case "ModelArts.4301", "ModelArts.4302":
		return http.StatusBadGateway
	case "ModelArts.4401":
		return http.StatusTooManyRequests
	case "ModelArts.4402":
		return http.StatusGatewayTimeout
	case "ModelArts.4403", "ModelArts.4502", "ModelArts.4503", "ModelArts.4504":
		return http.StatusServiceUnavailable
	case "ModelArts.4505", "ModelArts.4506":
		return http.StatusInternalServerError
	case "ModelArts.4601":
		return http.StatusForbidden
	case "ModelArts.4702", "ModelArts.4703", "ModelArts.4704", "ModelArts.4705", "ModelArts.4706":
		return http.StatusBadRequest
	}
	return http.StatusInternalServerError
}
