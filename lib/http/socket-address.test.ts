import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SOCKET_ADDRESS_HEADER, socketAddressOf, stampSocketAddresses } from "./socket-address";

// A real HTTP server: what its handler sees as the stamped header, after a client tried to forge it.
let server: http.Server;
let port = 0;

beforeAll(async () => {
  server = http.createServer((request, response) => response.end(String(request.headers[SOCKET_ADDRESS_HEADER] ?? "")));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function getFrom(localAddress: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, localAddress, headers, agent: false }, (response) => {
        let body = "";
        response.on("data", (chunk) => (body += chunk));
        response.on("end", () => resolve(body));
      })
      .on("error", reject);
  });
}

describe("socket address stamp", () => {
  it("is not believed before the stamp is installed, since a client could have written it", async () => {
    expect(socketAddressOf(new Headers({ [SOCKET_ADDRESS_HEADER]: "203.0.113.9" }))).toBeNull();
    expect(await getFrom("127.0.0.2", { [SOCKET_ADDRESS_HEADER]: "203.0.113.9" })).toBe("203.0.113.9");
  });

  it("once installed, replaces whatever the client sent with the socket's address", async () => {
    stampSocketAddresses();
    stampSocketAddresses(); // idempotent: one subscription
    expect(await getFrom("127.0.0.3", { [SOCKET_ADDRESS_HEADER]: "203.0.113.9", "x-forwarded-for": "203.0.113.9" })).toBe("127.0.0.3");
    expect(await getFrom("127.0.0.4", {})).toBe("127.0.0.4");
    expect(socketAddressOf(new Headers({ [SOCKET_ADDRESS_HEADER]: "127.0.0.4" }))).toBe("127.0.0.4");
    expect(socketAddressOf(new Headers())).toBeNull();
  });
});
