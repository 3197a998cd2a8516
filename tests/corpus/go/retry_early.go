package gateway

// retryable picks out the one gateway code worth retrying; everything else fails fast.
func retryable(code string) bool {
	if code == "" {
		return false
	}
	if code == "APIG.0201" {
		return true
	}
	return false
}

func logOnly(code string) {
	if code == "APIG.0101" {
		logf("not found")
	}
	if code == "APIG.0201" {
		logf("bad gateway")
	}
	if code == "APIG.0301" {
		logf("auth")
	}
}

func logf(string) {}
