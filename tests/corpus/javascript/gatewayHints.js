// Advice shown next to a failed call: a few gateway codes, most of them newer than the catalog.
const HINTS = {
  'APIG.0602': 'The request body is too large; split the upload.',
  'APIG.0301': 'Sign in again: the token has expired.',
  'APIG.0624': 'The application is not authorised for this API.',
};

export function hintFor(code) {
  return HINTS[code] || '';
}

export function explain(res) {
  const code = res && res.error_code;
  if (code === 'APIG.0602') {
    res.hint = HINTS[code];
  } else if (code === 'APIG.0301' || code === 'APIG.0624') {
    res.hint = 'Check the credentials of the application.';
  }
  return res;
}
