import { describe, expect, it } from "vitest";
import { routeLabel } from "./route-label";

const routes = [
  { page: "/clients", regex: /^\/clients(?:\/)?$/ },
  { page: "/clients/[id]", regex: /^\/clients\/([^/]+?)(?:\/)?$/ },
  { page: "/a/[token]", regex: /^\/a\/([^/]+?)(?:\/)?$/ },
];

describe("routeLabel", () => {
  it("names the route pattern, never the ids or tokens in the path", () => {
    expect(routeLabel("/clients/5f1c0a9e-0d1b-4c55-9a53-2b7a4a0e8f11?tab=plan", routes)).toBe("/clients/[id]");
    expect(routeLabel("/a/Zx8t3V9mQ1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k", routes)).toBe("/a/[token]");
    expect(routeLabel("/clients/", routes)).toBe("/clients");
  });

  it("puts every path that matches no route under one label, and the framework's files under two", () => {
    expect(routeLabel("/wp-login.php", routes)).toBe("unmatched");
    expect(routeLabel("/random/made-up/path", routes)).toBe("unmatched");
    expect(routeLabel("/_next/static/chunks/app-123.js", routes)).toBe("/_next/static");
    expect(routeLabel("/_next/image?url=x", routes)).toBe("/_next");
  });
});
