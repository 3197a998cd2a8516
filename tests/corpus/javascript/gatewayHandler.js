export function gatewayAction(code) {
  switch (code) {
    case 'APIG.0201':
      return 'retry';
    case 'APIG.0301':
      return 'reauthenticate';
    case 'APIG.0308':
      return 'backoff';
  }
  return 'fail';
}
