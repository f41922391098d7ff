import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DownloadScoresLink } from "./download-scores-link";

describe("DownloadScoresLink", () => {
  it("is a plain download link to the client's scores export", () => {
    const html = renderToStaticMarkup(createElement(DownloadScoresLink, { clientId: "5b1d3f0e-8a7c-4e2b-9c1d-0f6a2b3c4d5e" }));
    expect(html).toMatch(/^<a href="\/api\/clients\/5b1d3f0e-8a7c-4e2b-9c1d-0f6a2b3c4d5e\/scores\.csv" download="" class="[^"]+">Download scores \(CSV\)<\/a>$/);
  });
});
