import "server-only";
import { cookies } from "next/headers";
import { getEnv } from "@/config/env";
import { log } from "@/config/log";
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_SECONDS, deviceCookieValue } from "./device";

/** Marks this browser as one that signed in to the account (lib/auth/device.ts); outside a request, nothing. */
export async function rememberDevice(email: string): Promise<void> {
  try {
    (await cookies()).set(DEVICE_COOKIE, deviceCookieValue(email), {
      httpOnly: true,
      sameSite: "lax",
      secure: getEnv().APP_URL.startsWith("https:"),
      path: "/",
      maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
    });
  } catch (error) {
    log.warn({ module: "auth", err: error }, "could not set the device cookie");
  }
}
