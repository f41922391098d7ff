import { and, eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { messagesFor } from "@/lib/i18n/catalogues";
import { ResultsReport } from "@/components/feedback/results-report";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, clients, emailOutbox, invitations, resultLinks, resultSharing, type Client } from "@/db/schema";
import { NotFoundError } from "@/lib/core/errors";
import { createInvitations } from "@/lib/invitations/invitations";
import { submitAssessment, THANK_YOU_NAMES_FOR_MS } from "@/lib/invitations/public";
import { generateToken } from "@/lib/core/tokens";
import {
  answersForLevels,
  createClientFixture,
  createPracticeFixture,
  emailTextOf,
  insertAssessmentFixture,
  linkCoupleFixture,
  type PracticeFixture,
} from "@/test/fixtures";
import { getResultsAfterQuestionnaire, getResultsPage, setCoupleConsent, type PublicResultsPage } from "./public-results";
import { createResultLink, getSharingPanel, revokeResultLink, setCoupleWithheld, setResultsShared, setShareResultsByDefault } from "./sharing";

let practice: PracticeFixture;
let otherPractice: PracticeFixture;

beforeAll(async () => {
  practice = await createPracticeFixture();
  otherPractice = await createPracticeFixture();
});

const day = (iso: string) => new Date(`${iso}T10:00:00Z`);
const tokenOf = (link: string) => link.split("/results/")[1]!;

// Ada: first (5 Jan) everything 3 → 50; latest (2 Mar) knowledge 5 → 100, trust 4 → 75, care 2 → 25, mutuality 2 → 25.
// Ben: latest (3 Mar) everything 3 → 50, knowledge 5 → 100, trust 1 → 0: trust differs by 75 points, care and mutuality by 25.
async function couple() {
  const ada = await createClientFixture(practice.practiceId, practice.clinician.userId);
  const ben = await createClientFixture(practice.practiceId, practice.clinician.userId);
  await linkCoupleFixture(practice.practiceId, ada, ben);
  await insertAssessmentFixture({ practiceId: practice.practiceId, clientId: ada.id, completedAt: day("2026-01-05"), answers: answersForLevels() });
  await insertAssessmentFixture({
    practiceId: practice.practiceId,
    clientId: ada.id,
    completedAt: day("2026-03-02"),
    answers: answersForLevels({ knowledge: 5, trust: 4, care: 2, mutuality: 2 }),
  });
  await insertAssessmentFixture({ practiceId: practice.practiceId, clientId: ben.id, completedAt: day("2026-03-03"), answers: answersForLevels({ trust: 1, knowledge: 5 }) });
  const db = await getDb();
  const [a] = await db.select().from(clients).where(eq(clients.id, ada.id));
  const [b] = await db.select().from(clients).where(eq(clients.id, ben.id));
  await setResultsShared(practice.clinician, ada.id, true);
  await setResultsShared(practice.clinician, ben.id, true);
  const adaLink = tokenOf((await createResultLink(practice.clinician, { clientId: ada.id, email: false })).link);
  const benLink = tokenOf((await createResultLink(practice.clinician, { clientId: ben.id, email: false })).link);
  return { ada: a!, ben: b!, adaLink, benLink };
}

function ready(page: PublicResultsPage) {
  if (page.state !== "ready") throw new Error(`expected a ready page, got ${page.state}`);
  return page;
}

async function trail(clientId: string) {
  const db = await getDb();
  const rows = await db.select({ action: auditEvents.action, actor: auditEvents.actorUserId }).from(auditEvents).where(eq(auditEvents.clientId, clientId)).orderBy(auditEvents.id);
  return rows.map((row) => row.action);
}

describe("my results", () => {
  it("shows the latest profile in client words: two strengths, areas to grow, movement since the first, not a diagnosis", async () => {
    const { ada, adaLink } = await couple();
    const page = ready(await getResultsPage(adaLink));
    expect(page.clientId).toBe(ada.id);
    const own = page.view.own;
    expect(own.count).toBe(2);
    expect(own.dimensions.map((d) => [d.key, d.score, d.level])).toEqual([
      ["knowledge", 100, "Strength"],
      ["interdependence", 50, "Developing"],
      ["care", 25, "Growth area"],
      ["trust", 75, "Strength"],
      ["responsiveness", 50, "Developing"],
      ["mutuality", 25, "Growth area"],
      ["commitment", 50, "Developing"],
    ]);
    expect(own.strengths.map((s) => s.key)).toEqual(["knowledge", "trust"]);
    expect(own.growthAreas.map((s) => s.key)).toEqual(["care", "mutuality"]);
    expect(own.dimensions.find((d) => d.key === "knowledge")!.sinceFirst).toEqual({
      change: 50,
      clear: true,
      words: "Up 50.0 points since your first questionnaire — a clear change",
    });
    expect(own.dimensions.find((d) => d.key === "trust")!.sinceFirst!.words).toBe("Up 25.0 points since your first questionnaire — a clear change");
    expect(own.dimensions.find((d) => d.key === "commitment")!.sinceFirst!.words).toBe("The same as at your first questionnaire");
    // No clinician words anywhere in what the client is sent.
    expect(JSON.stringify(page.view)).not.toMatch(/\bRCI\b|\bband\b|reliable/i);
    // Nothing of anyone's answers either: only dimension scores.
    expect(JSON.stringify(page.view)).not.toMatch(/"k\d+"|"answers"/);
  });

  it("is off by default; the practice default and the per-client switch decide, effective at the next load", async () => {
    const solo = await createClientFixture(practice.practiceId, practice.clinician.userId);
    await insertAssessmentFixture({ practiceId: practice.practiceId, clientId: solo.id, completedAt: day("2026-02-01"), answers: answersForLevels() });
    const token = tokenOf((await createResultLink(practice.clinician, { clientId: solo.id, email: false })).link);
    expect((await getResultsPage(token)).state).toBe("paused");

    await setShareResultsByDefault(practice.owner, true);
    expect((await getResultsPage(token)).state).toBe("ready");
    await setShareResultsByDefault(practice.owner, false);
    expect((await getResultsPage(token)).state).toBe("paused");

    await setResultsShared(practice.clinician, solo.id, true);
    expect((await getResultsPage(token)).state).toBe("ready");
    // A page already open: the next load says it is paused, and shows nothing of the results.
    await setResultsShared(practice.clinician, solo.id, false);
    const next = await getResultsPage(token);
    expect(next).toEqual({ state: "paused" });
    expect(await trail(solo.id)).toEqual(expect.arrayContaining(["results.link_create", "results.share_on", "results.share_off", "results.view"]));
  });

  it("only the owner changes the practice default", async () => {
    await expect(setShareResultsByDefault(practice.clinician, true)).rejects.toThrow(/owner/);
  });

  it("a client with no completed questionnaire gets a kind 'nothing to show yet' page", async () => {
    const fresh = await createClientFixture(practice.practiceId, practice.clinician.userId);
    await setResultsShared(practice.clinician, fresh.id, true);
    const token = tokenOf((await createResultLink(practice.clinician, { clientId: fresh.id, email: false })).link);
    expect(await getResultsPage(token)).toEqual({ state: "nothing_yet", clientId: fresh.id });
  });

  it("forged, truncated, revoked, replaced and expired links are all the same 'unavailable', and change nothing", async () => {
    const { ada, adaLink } = await couple();
    expect(await getResultsPage(generateToken().token)).toEqual({ state: "unavailable" });
    expect(await getResultsPage(adaLink.slice(0, 42))).toEqual({ state: "unavailable" });
    expect(await getResultsPage(`${adaLink}x`)).toEqual({ state: "unavailable" });
    const later = new Date(Date.now() + 31 * 24 * 60 * 60 * 1000);
    expect(await getResultsPage(adaLink, later)).toEqual({ state: "unavailable" });

    // A new link replaces the old one: the old one, reused, opens nothing.
    const second = tokenOf((await createResultLink(practice.clinician, { clientId: ada.id, email: false })).link);
    expect(await getResultsPage(adaLink)).toEqual({ state: "unavailable" });
    expect((await getResultsPage(second)).state).toBe("ready");
    const panel = await getSharingPanel(practice.clinician, ada.id);
    const active = panel.links.find((link) => link.status === "active")!;
    // Last opened comes from the trail: an unusable link's attempts are not views.
    expect(active.lastViewedAt).toBeInstanceOf(Date);
    expect(panel.links.find((link) => link.status === "revoked")!.lastViewedAt).toBeNull();
    await revokeResultLink(practice.clinician, active.id);
    expect(await getResultsPage(second)).toEqual({ state: "unavailable" });
    expect(await setCoupleConsent(second, { clientId: ada.id, consent: true })).toBe("unavailable");
    expect(await trail(ada.id)).toContain("results.link_revoke");
  });

  it("keeps only the hash of a link, and emails it through the outbox on request", async () => {
    const { ada } = await couple();
    const made = await createResultLink(practice.clinician, { clientId: ada.id, email: true });
    const token = tokenOf(made.link);
    const db = await getDb();
    const stored = await db.select().from(resultLinks).where(eq(resultLinks.clientId, ada.id));
    expect(JSON.stringify(stored)).not.toContain(token);
    const [mail] = await db.select().from(emailOutbox).where(and(eq(emailOutbox.toAddress, ada.email), eq(emailOutbox.kind, "results_link")));
    expect(mail!.subject).toContain("your results");
    expect(emailTextOf(mail!)).toContain(`/results/${token}`);
    expect(await trail(ada.id)).toContain("results.link_emailed");
  });

  it("another practice's or another caseload's client is not found", async () => {
    const { ada } = await couple();
    await expect(getSharingPanel(otherPractice.owner, ada.id)).rejects.toThrow(NotFoundError);
    await expect(setResultsShared(practice.otherClinician, ada.id, false)).rejects.toThrow(NotFoundError);
    await expect(createResultLink(otherPractice.owner, { clientId: ada.id, email: false })).rejects.toThrow(NotFoundError);
    await expect(setCoupleWithheld(practice.otherClinician, ada.id, true)).rejects.toThrow(NotFoundError);
    const panel = await getSharingPanel(practice.clinician, ada.id);
    await expect(revokeResultLink(otherPractice.owner, panel.links[0]!.id)).rejects.toThrow(NotFoundError);
  });
});

describe("our results: the consent matrix", () => {
  it("no consent, one partner, both, one withdraws, the clinician withholds", async () => {
    const { ada, ben, adaLink, benLink } = await couple();
    const couplePart = async (token: string) => ready(await getResultsPage(token)).view.couple.kind;

    // No consent: each sees only their own; the couple view waits.
    expect(await couplePart(adaLink)).toBe("waiting");
    expect(await couplePart(benLink)).toBe("waiting");
    expect(ready(await getResultsPage(adaLink)).consent).toEqual({ kind: "couple", given: false, open: true });

    // One partner says yes: still only their own, for both.
    expect(await setCoupleConsent(adaLink, { clientId: ada.id, consent: true })).toBe("saved");
    expect(await setCoupleConsent(adaLink, { clientId: ada.id, consent: true })).toBe("unchanged");
    expect(await couplePart(adaLink)).toBe("waiting");
    expect(await couplePart(benLink)).toBe("waiting");
    expect(ready(await getResultsPage(adaLink)).consent).toEqual({ kind: "couple", given: true, open: true });
    // Ada's yes is not told to Ben.
    expect(ready(await getResultsPage(benLink)).consent).toEqual({ kind: "couple", given: false, open: true });

    // Both: both see the couple view, the two profiles and where they see things differently.
    expect(await setCoupleConsent(benLink, { clientId: ben.id, consent: true })).toBe("saved");
    for (const [token, partnerTrust] of [
      [adaLink, 0],
      [benLink, 75],
    ] as const) {
      const view = ready(await getResultsPage(token)).view;
      if (view.couple.kind !== "shared") throw new Error("expected the couple view");
      expect(view.couple.partner!.dimensions.find((d) => d.key === "trust")!.score).toBe(partnerTrust);
      expect(view.couple.differences!.map((d) => d.key)).toEqual(["trust", "care", "mutuality"]);
      expect(view.couple.differences![0]!.words).toBe("You see trust differently: your scores are 75.0 points apart. That is worth talking through together.");
      expect(JSON.stringify(view)).not.toMatch(/"k\d+"|"answers"/);
    }

    // One withdraws: both are back to their own.
    expect(await setCoupleConsent(benLink, { clientId: ben.id, consent: false })).toBe("saved");
    expect(await couplePart(adaLink)).toBe("waiting");
    expect(await couplePart(benLink)).toBe("waiting");

    // Both again, then the clinician withholds: neither sees the couple view, and neither can say yes.
    await setCoupleConsent(benLink, { clientId: ben.id, consent: true });
    expect(await couplePart(adaLink)).toBe("shared");
    await setCoupleWithheld(practice.clinician, ada.id, true);
    expect(await couplePart(adaLink)).toBe("unavailable");
    expect(await couplePart(benLink)).toBe("unavailable");
    expect(ready(await getResultsPage(benLink)).consent).toEqual({ kind: "couple", given: true, open: false });
    // Withdrawing still works while withheld; saying yes again does not.
    expect(await setCoupleConsent(benLink, { clientId: ben.id, consent: false })).toBe("saved");
    expect(await setCoupleConsent(benLink, { clientId: ben.id, consent: true })).toBe("unchanged");
    await setCoupleWithheld(practice.clinician, ben.id, false);
    expect(await setCoupleConsent(benLink, { clientId: ben.id, consent: true })).toBe("saved");
    expect(await couplePart(benLink)).toBe("shared");

    // Sharing switched off for one partner closes the couple view for the other too.
    await setResultsShared(practice.clinician, ben.id, false);
    expect(await couplePart(adaLink)).toBe("unavailable");
    expect((await getResultsPage(benLink)).state).toBe("paused");

    const adaTrail = await trail(ada.id);
    expect(adaTrail).toEqual(expect.arrayContaining(["results.consent_given", "results.couple_withheld", "results.couple_allowed", "results.view"]));
    expect(await trail(ben.id)).toEqual(expect.arrayContaining(["results.consent_given", "results.consent_withdrawn", "results.share_off"]));
  });

  it("a consent posted with another client's id changes nothing", async () => {
    const { ada, ben, adaLink } = await couple();
    const db = await getDb();
    const before = await db.select().from(resultSharing).where(eq(resultSharing.clientId, ben.id));
    expect(await setCoupleConsent(adaLink, { clientId: ben.id, consent: true })).toBe("unchanged");
    expect(await setCoupleConsent(adaLink, { clientId: "not-an-id", consent: true })).toBe("unchanged");
    expect(await db.select().from(resultSharing).where(eq(resultSharing.clientId, ben.id))).toEqual(before);
    expect((await getSharingPanel(practice.clinician, ada.id)).ownConsent).toBe(false);
  });

  it("a consent lapses when the couple ends", async () => {
    const { ada, ben, adaLink, benLink } = await couple();
    await setCoupleConsent(adaLink, { clientId: ada.id, consent: true });
    await setCoupleConsent(benLink, { clientId: ben.id, consent: true });
    const db = await getDb();
    await db.update(clients).set({ coupleId: null }).where(eq(clients.id, ben.id));
    await db.update(clients).set({ coupleId: null }).where(eq(clients.id, ada.id));
    expect(ready(await getResultsPage(adaLink)).view.couple).toEqual({ kind: "none" });
    const other = await createClientFixture(practice.practiceId, practice.clinician.userId);
    await linkCoupleFixture(practice.practiceId, { ...ada, coupleId: null } as Client, other);
    expect(ready(await getResultsPage(adaLink)).consent).toEqual({ kind: "couple", given: false, open: false });
  });
});

describe("the clinician's preview", () => {
  it("is exactly what the client sees, in every state of the couple view", async () => {
    const { ada, ben, adaLink, benLink } = await couple();
    const same = async () => {
      const page = ready(await getResultsPage(adaLink));
      const panel = await getSharingPanel(practice.clinician, ada.id);
      expect(panel.view).toEqual(page.view);
      // Rendered as the app renders it: in English, the clinician's language, under next-intl's provider.
      const render = (view: typeof page.view) =>
        renderToStaticMarkup(
          createElement(
            NextIntlClientProvider as (props: { locale: string; messages: ReturnType<typeof messagesFor>; timeZone: string; children?: React.ReactNode }) => React.ReactNode,
            { locale: "en", messages: messagesFor("en"), timeZone: "UTC" },
            createElement(ResultsReport, { view }),
          ),
        );
      const html = render(page.view);
      expect(render(panel.view!)).toBe(html);
      return html;
    };
    const alone = await same();
    expect(alone).toContain("Your closeness profile");
    expect(alone).toContain("not a diagnosis");
    expect(alone).not.toContain("Your results together");
    await setCoupleConsent(adaLink, { clientId: ada.id, consent: true });
    await setCoupleConsent(benLink, { clientId: ben.id, consent: true });
    const together = await same();
    expect(together).toContain("Your results together");
    expect(together).toContain("You see trust differently");
    expect(together).not.toMatch(/\bRCI\b|\bband\b/);
  });
});

describe("results on the thank-you page", () => {
  it("show under the thank-you message for an hour when shared, and never otherwise", async () => {
    const client = await createClientFixture(practice.practiceId, practice.clinician.userId);
    const [sent] = await createInvitations(practice.clinician, { clientId: client.id, includePartner: false });
    const token = sent!.link.split("/a/")[1]!;
    expect((await submitAssessment(token, answersForLevels({}, 4))).ok).toBe(true);
    expect(await getResultsAfterQuestionnaire(token)).toBeNull();

    await setResultsShared(practice.clinician, client.id, true);
    const view = await getResultsAfterQuestionnaire(token);
    expect(view!.own.dimensions.every((d) => d.score === 75)).toBe(true);
    expect(await getResultsAfterQuestionnaire(token, new Date(Date.now() + THANK_YOU_NAMES_FOR_MS + 60_000))).toBeNull();
    expect(await getResultsAfterQuestionnaire(generateToken().token)).toBeNull();
    const db = await getDb();
    const [invitation] = await db.select().from(invitations).where(eq(invitations.clientId, client.id));
    expect(invitation!.status).toBe("completed");
    expect(await trail(client.id)).toContain("results.view");
  });
});
