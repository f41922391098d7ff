import "server-only";
import QRCode from "qrcode";

/**
 * A QR code as one SVG path, made on the server so that showing it needs no client JavaScript
 * and no image request (the link is a credential: it must not travel to an image service or sit
 * in a cache). The component draws `<svg viewBox="0 0 size size"><path d={path} /></svg>`.
 */
export type QrCodeSvg = { size: number; path: string };

/** The quiet zone QR readers need around the code, in modules (the standard asks for 4). */
const QUIET_ZONE = 4;

export function qrCodeSvg(text: string): QrCodeSvg {
  // Level M survives a smudged screen or a glare spot and still keeps a link of ~90 characters small.
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  return modulesToPath(modules.size, (row, column) => Boolean(modules.get(row, column)), QUIET_ZONE);
}

/**
 * One rectangle per horizontal run of dark modules, offset by the quiet zone: a few kilobytes
 * for a link, and crisp at any scale with `shape-rendering="crispEdges"`.
 */
export function modulesToPath(count: number, isDark: (row: number, column: number) => boolean, margin: number): QrCodeSvg {
  const parts: string[] = [];
  for (let row = 0; row < count; row++) {
    let column = 0;
    while (column < count) {
      if (!isDark(row, column)) {
        column++;
        continue;
      }
      const start = column;
      while (column < count && isDark(row, column)) column++;
      parts.push(`M${start + margin} ${row + margin}h${column - start}v1h-${column - start}z`);
    }
  }
  return { size: count + 2 * margin, path: parts.join("") };
}
