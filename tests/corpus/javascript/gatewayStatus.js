// Maps gateway error codes to a user-facing status, one early return per code.
const DEFAULT_STATUS = { retry: false, text: 'Unexpected gateway error' };

export function gatewayStatus(body) {
  const code = body && body.error_code;
  if (!code) return DEFAULT_STATUS;
  if (code === 'APIG.0101') return { retry: false, text: 'API not found' };
  if (code === 'APIG.0201') return { retry: true, text: 'Bad gateway' };
  if (code === 'APIG.0301') {
    return { retry: false, text: 'Authentication failed' };
  }
  return DEFAULT_STATUS;
}

// Retry only when the gateway itself says so.
export function shouldRetry(code) {
  if (code === 'APIG.0201') return true;
  return false;
}
