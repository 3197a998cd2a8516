/** Codes the API gateway answers with. */
export enum GatewayCode {
  ApiNotFound = "APIG.0101",
  BackendTimeout = "APIG.0201",
  AuthFailed = "APIG.0301",
  Throttled = "APIG.0308",
}
