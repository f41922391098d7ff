import "server-only";
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/config/env";
import { clock } from "@/lib/core/clock";
import { emailFingerprint } from "./sign-in-throttle";

/*
 * "This browser signed in to this account before" (issue 24, probe 9): after a successful sign-in
 * the browser gets a cookie naming the account by its keyed fingerprint, with the time, signed
 * with a key from AUTH_SECRET. At the next sign-in to that account it spares the browser the
 * account-wide delay that failures from elsewhere cause (lib/auth/sign-in-throttle.ts); the limits
 * per source still apply. It is no credential: it proves nothing without the password.
 */

export const DEVICE_COOKIE = "attune_device";
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 180 * 24 * 60 * 60;

let cachedKey: { secret: string; key: Buffer } | undefined;

function deviceKey(): Buffer {
  const secret = getEnv().AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set; it also signs device cookies.");
  if (cachedKey?.secret !== secret) cachedKey = { secret, key: Buffer.from(hkdfSync("sha256", secret, "", "attune/device-cookie/v1", 32)) };
  return cachedKey.key;
}

const mac = (payload: string) => createHmac("sha256", deviceKey()).update(payload).digest("base64url");

/** The cookie's value for a browser that just signed in to `email`'s account. */
export function deviceCookieValue(email: string, nowMs = clock.ms()): string {
  const payload = `${emailFingerprint(email)}.${Math.floor(nowMs / 1000)}`;
  return `${payload}.${mac(payload)}`;
}

/** Whether the cookie (the request's Cookie header, or its value) vouches for this browser and this account. */
export function isTrustedDevice(cookieValue: string | null | undefined, email: string, nowMs = clock.ms()): boolean {
  if (!cookieValue || cookieValue.length > 200) return false;
  const [fingerprint, issued, signature, extra] = cookieValue.split(".");
  if (!fingerprint || !issued || !signature || extra !== undefined || !/^\d+$/.test(issued)) return false;
  const expected = Buffer.from(mac(`${fingerprint}.${issued}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
  if (Number(issued) * 1000 + DEVICE_COOKIE_MAX_AGE_SECONDS * 1000 < nowMs) return false;
  return fingerprint === emailFingerprint(email);
}

/** The device cookie's value from a Cookie header. */
export function deviceCookieFrom(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === DEVICE_COOKIE) return rest.join("=");
  }
  return null;
}
