import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { modulesToPath, qrCodeSvg } from "./qr-code";

/** Paints a path of `M x y h n v1 h-n z` rectangles back onto a grid, to compare with the modules. */
function rasterise({ size, path }: { size: number; path: string }): boolean[][] {
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  for (const [, x, y, width, back] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-(\d+)z/g)) {
    expect(back).toBe(width);
    for (let i = 0; i < Number(width); i++) {
      expect(grid[Number(y)]![Number(x) + i], `module ${x}+${i},${y} drawn twice`).toBe(false);
      grid[Number(y)]![Number(x) + i] = true;
    }
  }
  return grid;
}

describe("QR code path", () => {
  it("draws each run of dark modules once, inside a quiet zone", () => {
    // 3×3: a dark top row, a lone centre, a split bottom row.
    const dark = [
      [1, 1, 1],
      [0, 1, 0],
      [1, 0, 1],
    ];
    const svg = modulesToPath(3, (row, column) => dark[row]![column] === 1, 2);
    expect(svg).toEqual({ size: 7, path: "M2 2h3v1h-3zM3 3h1v1h-1zM2 4h1v1h-1zM4 4h1v1h-1z" });
  });

  it("draws exactly the modules of the link's QR code", () => {
    const link = "https://attune.example/a/7lq9Xr0m4H0bM0mG5u8c2cX2yq5a0m9ZCqk3q1n2f8E";
    const svg = qrCodeSvg(link);
    const { modules } = QRCode.create(link, { errorCorrectionLevel: "M" });
    expect(svg.size).toBe(modules.size + 8);
    const grid = rasterise(svg);
    for (let row = 0; row < svg.size; row++) {
      for (let column = 0; column < svg.size; column++) {
        const inside = row >= 4 && column >= 4 && row < modules.size + 4 && column < modules.size + 4;
        const expected = inside && Boolean(modules.get(row - 4, column - 4));
        expect(grid[row]![column], `module ${column},${row}`).toBe(expected);
      }
    }
    // The three finder patterns: a 7-module dark square frame in three corners.
    expect(grid[4]!.slice(4, 11).every(Boolean)).toBe(true);
    expect(grid[4]!.slice(svg.size - 11, svg.size - 4).every(Boolean)).toBe(true);
  });
});
