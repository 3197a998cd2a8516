// Gateway errors the SDK gives names to; the backend timeout has none yet.
export enum GatewayError {
  NotPublished = "APIG.0101",
  BadCredentials = "APIG.0301",
  Throttled = "APIG.0308",
}
