import React from "react";

const QUOTA = "APIG.QUOTA_EXCEEDED";

export function QuotaNotice({ code, n }: { code: string; n: number }) {
  const platform = code.startsWith("ModelArts.");
  const frame = `AIS.${n}`;
  if (code === QUOTA) {
    return <p>Quota exceeded ({frame}).</p>;
  }
  return platform ? <p>Platform error, see the logs.</p> : null;
}
