import { expect, test } from "@playwright/test";
import { builtActions, builtRoutes, callAction, FormArg, type ActionResponse } from "./next-actions";
import {
  ACTIONS,
  actionId,
  disposeWorld,
  fingerprint,
  FORBIDDEN,
  makeWorld,
  ROUTES,
  signedIn,
  staleActions,
  targetsInPracticeA,
  unlistedActions,
  type Forbidden,
  type World,
} from "./surface";

/*
 * Every server action, page and route handler, called by each of four callers who must get
 * nothing — nobody, the owner of another practice, a clinician of the same practice outside the
 * client's caseload, and a deactivated owner — and then by the rightful user. The four change
 * nothing (a fingerprint of both practices' rows, updated_at included, is equal before and
 * after) and are sent to sign in or told "not found"; the rightful call works. The table of what
 * is checked is e2e/surface.ts; the build's own manifests say what exists.
 */

test.describe.configure({ mode: "serial" });

let world: World;

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(180_000);
  world = await makeWorld(baseURL!);
});

test.afterAll(async () => {
  await disposeWorld(world);
});

test("the matrix lists every server action and route the build has", () => {
  const unlisted = unlistedActions();
  expect(unlisted, `Server actions missing from ACTIONS in e2e/surface.ts (add a row for each): ${unlisted.join(", ")}`).toEqual([]);
  const stale = staleActions();
  expect(stale, `Rows in ACTIONS for actions the build no longer has: ${stale.join(", ")}`).toEqual([]);

  const listed = new Set(ROUTES.map((row) => row.route));
  const built = builtRoutes();
  const unlistedRoutes = built.filter((route) => !listed.has(route));
  expect(unlistedRoutes, `Pages or route handlers missing from ROUTES in e2e/surface.ts: ${unlistedRoutes.join(", ")}`).toEqual([]);
  const staleRoutes = [...listed].filter((route) => !built.includes(route));
  expect(staleRoutes, `Rows in ROUTES for routes the build no longer has: ${staleRoutes.join(", ")}`).toEqual([]);
});

const signedOut = new Set<Forbidden>(["nobody", "deactivated"]);
const path = (location: string | null | undefined) => (location ? new URL(location, world.baseURL).pathname : null);

/** The action's `{ ok, message }`, or nothing when it redirected instead of returning. */
function resultOf(response: ActionResponse): { ok?: unknown; message?: unknown } {
  return response.result && typeof response.result === "object" ? (response.result as { ok?: unknown; message?: unknown }) : {};
}

function describeResponse(response: ActionResponse): string {
  return `status ${response.status}, redirect ${response.redirect ?? "none"}, result ${JSON.stringify(response.result)?.slice(0, 300)}`;
}

for (const row of ACTIONS.filter((candidate) => typeof candidate.rightful === "string")) {
  test(`action ${row.name} (${row.module}): only the ${row.rightful as string} may call it`, async () => {
    const built = builtActions();
    const targets = await targetsInPracticeA(world);
    const action = { id: actionId(row, built), page: row.page(targets) };
    const secrets = [targets.client.lastName, targets.client.email ?? "", targets.member.name].filter(Boolean);
    const both = [world.practiceA.id, world.practiceB.id];

    for (const caller of FORBIDDEN) {
      const allowedBecause = row.allowed?.[caller];
      const label = `${row.name} called by ${caller}`;
      const before = await fingerprint(allowedBecause ? [world.practiceA.id] : both);
      const input = row.input(targets);
      const response = await callAction(world.as[caller], action, [null, FormArg.of(input)]);
      const after = await fingerprint(allowedBecause ? [world.practiceA.id] : both);

      expect(response.status, `${label}: ${describeResponse(response)}`).toBeLessThan(500);
      if (allowedBecause) {
        // Legitimate for this caller (see the row); it must still stay inside the caller's own practice.
        expect(path(response.redirect), `${label} (${allowedBecause})`).not.toBe("/sign-in");
        if (caller !== "outsider") expect(after, `${label} changed practice A`).toBe(before);
        continue;
      }
      expect(after, `${label} changed data: ${describeResponse(response)}`).toBe(before);
      if (signedOut.has(caller)) {
        expect(path(response.redirect), `${label} should be sent to sign in: ${describeResponse(response)}`).toBe("/sign-in");
      } else {
        expect(resultOf(response).ok, `${label} should be refused: ${describeResponse(response)}`).toBe(false);
        expect(String(resultOf(response).message), `${label}: refusal message`).toMatch(/not found|permission|owner|choose/i);
      }
      // The form's own values come back to refill it; anything else of A's must not.
      const echoed = Object.values(input).join("\n");
      for (const secret of secrets.filter((value) => !echoed.includes(value))) {
        expect(response.text.includes(secret), `${label} sent back practice A's data (${secret})`).toBe(false);
      }
    }

    const rightful = row.rightful as "owner" | "caseload";
    const before = await fingerprint([world.practiceA.id]);
    const caller = row.signsOutCaller ? await signedIn(world.baseURL, world.users[rightful]) : world.as[rightful];
    const response = await callAction(caller, action, [null, FormArg.of(row.input(targets))]);
    const label = `${row.name} called by the ${rightful}`;
    expect(response.status, `${label}: ${describeResponse(response)}`).toBe(200);
    expect(path(response.redirect), `${label}: ${describeResponse(response)}`).not.toBe("/sign-in");
    expect(resultOf(response).ok, `${label}: ${describeResponse(response)}`).not.toBe(false);
    if (row.readOnly) expect(await fingerprint([world.practiceA.id]), `${label} (${row.readOnly})`).toBe(before);
    else expect(await fingerprint([world.practiceA.id]), `${label} should have changed something`).not.toBe(before);
  });
}

for (const row of ROUTES.filter((candidate) => typeof candidate.rightful === "string")) {
  test(`route ${row.route}: only the ${row.rightful as string} sees it`, async () => {
    const targets = await targetsInPracticeA(world);
    const url = row.path(targets);
    const marker = row.marker?.(targets) ?? null;
    const both = [world.practiceA.id, world.practiceB.id];

    const before = await fingerprint(both);
    const responses = await Promise.all(
      FORBIDDEN.map(async (caller) => {
        const response = await world.as[caller].get(url, { maxRedirects: 0, failOnStatusCode: false });
        return { caller, status: response.status(), location: response.headers()["location"], text: await response.text() };
      }),
    );
    expect(await fingerprint(both), `GET ${url} by a forbidden caller changed data`).toBe(before);

    for (const { caller, status, location, text } of responses) {
      const label = `GET ${url} by ${caller}`;
      if (signedOut.has(caller)) {
        if (row.signedOut === 401) expect(status, label).toBe(401);
        else {
          expect(status, label).toBe(307);
          expect(path(location), label).toBe("/sign-in");
        }
      } else if (row.scope === "record" || (row.scope === "owner" && caller === "outsider")) {
        expect(status, label).toBe(404);
      } else {
        expect(status, label).toBe(200);
      }
      if (marker) expect(text.includes(marker), `${label} showed practice A's data (${marker})`).toBe(false);
    }

    const rightful = row.rightful as "owner" | "caseload";
    const response = await world.as[rightful].get(url, { maxRedirects: 0, failOnStatusCode: false });
    expect(response.status(), `GET ${url} by the ${rightful}`).toBe(200);
    if (marker) expect((await response.text()).includes(marker), `GET ${url} by the ${rightful} shows ${marker}`).toBe(true);
  });
}

test("public pages and routes answer without a session", async () => {
  const targets = await targetsInPracticeA(world);
  for (const row of ROUTES.filter((candidate) => typeof candidate.rightful !== "string")) {
    const url = row.path(targets);
    const response = await world.as.nobody.get(url, { maxRedirects: 0, failOnStatusCode: false });
    expect(response.status(), `GET ${url} (${row.route}) without a session`).toBeLessThan(500);
  }
});
