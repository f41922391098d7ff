import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getEnv } from "@/config/env";
import { log } from "@/config/log";
import { clientIp } from "@/lib/http/rate-limit";
import { signInWithPassword } from "./credentials";
import { deviceCookieFrom, isTrustedDevice } from "./device";
import { rememberDevice } from "./device-cookie";
import { endSession, SESSION_MAX_AGE_SECONDS } from "./session-store";
import { clock } from "@/lib/core/clock";
import { secretRing } from "@/lib/core/seal";

function authSecrets(): string[] | undefined {
  const ring = secretRing(getEnv());
  return ring.length > 0 ? ring : undefined;
}

const credentialsSchema = z.object({ email: z.string().min(1).max(254), password: z.string().min(1).max(1024) });

/** Thrown by authorize when the throttle refuses; the sign-in form turns it into a calm message. */
export class TooManySignInAttempts extends CredentialsSignin {
  code = "too_many_attempts";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

declare module "next-auth" {
  interface Session {
    user: { id: string; name?: string | null; email?: string | null };
    /** The server-side session row; not a secret on its own (the signed cookie is). */
    sessionId?: string;
  }
  interface User {
    sessionId?: string;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  // Behind a proxy, APP_URL/AUTH_URL names the public origin; the app itself decides nothing by host.
  trustHost: true,
  // The current secret first, then the earlier ones (AUTH_SECRET_1…_3): cookies made under an
  // earlier secret still open, new ones are made under the current one. Passed explicitly because
  // Auth.js's own default puts the numbered ones first (and the first one encrypts).
  secret: authSecrets(),
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in" },
  logger: {
    // A wrong password (or a throttled one) is an expected outcome, not a server error worth a stack trace.
    error(error) {
      if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
      log.error({ module: "auth", err: error }, "authentication error");
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        // next-auth rebuilds the request from the incoming headers, so the client's address and agent are here.
        const outcome = await signInWithPassword({
          ...parsed.data,
          ip: clientIp(request.headers),
          userAgent: request.headers.get("user-agent"),
          trustedDevice: isTrustedDevice(deviceCookieFrom(request.headers.get("cookie")), parsed.data.email),
        });
        if (outcome.ok) {
          if (outcome.pendingStep !== "second_factor") await rememberDevice(outcome.user.email);
          return { ...outcome.user, sessionId: outcome.sessionId };
        }
        if (outcome.reason === "throttled") throw new TooManySignInAttempts(outcome.retryAfterSeconds);
        return null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      const now = Math.floor(clock.ms() / 1000);
      if (user?.id) {
        token.sub = user.id;
        token.sid = user.sessionId;
        token.signedInAt = now;
        return token;
      }
      // The session row enforces both timeouts (lib/auth/actor.ts); this only drops old cookies early.
      const signedInAt = typeof token.signedInAt === "number" ? token.signedInAt : 0;
      if (now - signedInAt > SESSION_MAX_AGE_SECONDS) return null;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      if (typeof token.sid === "string") session.sessionId = token.sid;
      return session;
    },
  },
  events: {
    // Every sign-out path (our action, or next-auth's own route) ends the session row, so a copy of
    // the cookie stops working at once rather than when the JWT expires.
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (typeof sid === "string") await endSession(sid, "sign_out");
    },
  },
});
