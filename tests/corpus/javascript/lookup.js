// Log levels for the gateway's codes.
const LEVELS = {
  'APIG.0101': 'error',
  'APIG.0201': 'warn',
  'APIG.0301': 'error',
  'APIG.0308': 'info',
};

module.exports = (code) => LEVELS[code] || 'error';
