import React from "react";

type Props = { code?: string; message?: string };

export function ErrorBanner({ code, message }: Props) {
  if (!code) return null;
  const hint = (() => {
    switch (code) {
      case "AIS.0101":
        return "Check the fields you filled in.";
      case "AIS.0102":
        return "Use a JPG or PNG image.";
      case "AIS.0103":
        return "Use an image under 10 MB.";
      case "AIS.0104":
        return "Take a sharper photo.";
      case "AIS.0105":
        return "Try another image.";
      default:
        return message ?? "Unexpected error.";
    }
  })();
  return (
    <div role="alert">
      {code === "AIS.0102" && <p>Supported: JPG, PNG, BMP, TIFF.</p>}
      {code === "AIS.0107" && <p>Legacy error, contact support.</p>}
      <p>{hint}</p>
    </div>
  );
}
