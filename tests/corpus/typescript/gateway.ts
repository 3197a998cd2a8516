type Verdict = "retry" | "reauth" | "fail";

export function verdict(code: string): Verdict {
  switch (code) {
    case "APIG.0101":
      return "fail";
    case "APIG.0201":
    case "APIG.0308":
      return "retry";
    case "APIG.0301":
      return "reauth";
    default:
      return "fail";
  }
}

export const isAuthError = (c: string): boolean =>
  c === "APIG.0301" || c === "ModelArts.0203" || c === "ModelArts.4103";
