package ocr

// Error codes the client checks by name.
const (
	CodeInvalidParameter = "AIS.0101"
	CodeThrottled        = "APIG.0308"
	CodeTokenInvalid     = "ModelArts.0203"
	CodeTokenParse       = "ModelArts.4012"
)
