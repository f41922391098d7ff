/*
 * The source a per-IP limit counts (issue 24, probe 9): an IPv4 address as it is, an IPv6 address
 * by its /64 — one home or office network gets a whole /64, and rotating addresses inside it costs
 * nothing, so counting single IPv6 addresses counts nothing at all.
 */

function expandIpv6(ip: string): string[] | null {
  const [head = "", tail = "", extra] = ip.split("::");
  if (extra !== undefined) return null;
  const left = head ? head.split(":") : [];
  const right = ip.includes("::") ? (tail ? tail.split(":") : []) : [];
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (!ip.includes("::") && missing !== 0)) return null;
  const groups = [...left, ...Array<string>(missing).fill("0"), ...right];
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return null;
  return groups.map((group) => group.toLowerCase().replace(/^0+(?=.)/, ""));
}

/** "203.0.113.7" → "203.0.113.7"; "2001:db8:1:2:aaaa::1" → "2001:db8:1:2::/64"; anything else as given. */
export function ipBucket(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(":")) return ip;
  const groups = expandIpv6(ip.replace(/%.*$/, ""));
  return groups ? `${groups.slice(0, 4).join(":")}::/64` : ip;
}
