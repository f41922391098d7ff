/**
 * Who is asking, for per-IP limits. Any client can send `X-Forwarded-For` with whatever it likes;
 * only the entries that our own proxies appended can be believed. Each proxy appends the address
 * of whoever connected to it, so with N trusted proxies in front of the app the client is the Nth
 * entry from the right, and everything to the left of it is the client's own say. With none, the
 * only address nobody can forge is the socket's (see ./socket-address.ts).
 */

export type ClientIpSources = {
  /** The TCP peer of the app server, when known. */
  socketAddress: string | null | undefined;
  /** The raw `X-Forwarded-For` header, if any. */
  forwardedFor: string | null | undefined;
  /** How many reverse proxies of our own stand in front of the app (`TRUSTED_PROXY_HOPS`, checked in config/env.ts). */
  trustedHops: number;
};

const MAX_IP_LENGTH = 64;

/** The client's address, or null when the trusted sources say nothing. */
export function clientIpFrom({ socketAddress, forwardedFor, trustedHops }: ClientIpSources): string | null {
  const socket = socketAddress ? normalizeAddress(socketAddress) : "";
  if (trustedHops === 0) return socket || null;
  const hops = (forwardedFor ?? "").split(",").map(normalizeAddress).filter(Boolean);
  // The chain as the nearest proxy saw it: every forwarded hop, then that proxy itself (the socket).
  // Fewer entries than trusted proxies means the outer ones were not on the way: the leftmost entry
  // was still written by one of ours. No entries at all: nobody forwarded it, so the socket it is.
  if (hops.length === 0) return socket || null;
  return hops[Math.max(0, hops.length - trustedHops)]!;
}

/** Trims, drops a port some proxies add, and writes IPv4-mapped IPv6 as plain IPv4. */
export function normalizeAddress(raw: string): string {
  let address = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  const ipv4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(address);
  if (ipv4WithPort) address = ipv4WithPort[1]!;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) address = mapped[1]!;
  return address.slice(0, MAX_IP_LENGTH);
}
