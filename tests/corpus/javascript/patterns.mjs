// Recognises error codes in free text coming back from the gateway.
const APIG_CODE = /apig\.\d{4}/i;
const AIS_CODE = new RegExp('AIS\\.\\d+');
const PLACEHOLDER = 'APIG.XXXX';
const FOREIGN = ['VPC.0101', 'APIGW.0301', 'DNS.0005'];

export function looksLikeOcrCode(text) {
  return APIG_CODE.test(text) || AIS_CODE.test(text);
}

export function isForeign(code) {
  return FOREIGN.includes(code) || code === PLACEHOLDER;
}

// Subscription errors were once reported as ModelArts.4240 by the old console.
export const SUBSCRIPTION = 'ModelArts.4204';
