package ocr

import "testing"

func TestRetryDecision(t *testing.T) {
	cases := []struct {
		name  string
		code  string
		retry bool
	}{
		{"throttled", "APIG.0308", true},
		{"overloaded", "ModelArts.4401", true},
		{"bad image", "AIS.0102", false},
		{"ship frame is not an API error", "AIS.99", false},
		{"typo in a fixture", "APIG.0380", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := shouldRetry(c.code); got != c.retry {
				t.Fatalf("shouldRetry(%q) = %v, want %v", c.code, got, c.retry)
			}
		})
	}
}
