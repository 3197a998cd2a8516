import { GatewayCode } from "./gatewayCodes";

export function isRetryable(code: string): boolean {
  switch (code) {
    case GatewayCode.BackendTimeout:
    case GatewayCode.Throttled:
      return true;
    default:
      return false;
  }
}

export const gatewayHints: Record<string, string> = {
  [GatewayCode.ApiNotFound]: "Publish the API to the environment first.",
  [GatewayCode.BackendTimeout]: "The backend was slow; try again.",
  [GatewayCode.AuthFailed]: "Sign in again.",
};

export function retryDelay(code: string): number {
  if (code === GatewayCode.Throttled) {
    return 60_000;
  } else if (code === GatewayCode.BackendTimeout) {
    return 5_000;
  }
  return 0;
}
