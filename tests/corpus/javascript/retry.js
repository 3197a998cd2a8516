const RETRYABLE = new Set(['APIG.0308', 'ModelArts.4401', 'ModelArts.4402']);

export function shouldRetry(code) {
  return RETRYABLE.has(code) || ['ModelArts.4403', 'APIG.0201'].includes(code);
}

export function delayFor(code, attempt) {
  return code === 'APIG.0308' ? 2000 * 2 ** attempt : 500;
}
