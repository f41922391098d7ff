import type { Page } from "@playwright/test";
import { phq9V1 } from "../lib/instruments/phq9-v1";
import { closenessV1 } from "../lib/instruments/closeness-v1";
import { createClient, createPracticeWithOwner, invitationsOf, linkCouple } from "./db";
import { expect, expectNoAxeViolations, test } from "./fixtures";

/*
 * Issue 23, safe sending on the couple page: a double-clicked send makes one set of links; each new
 * link says what it carries; the form remembers the questionnaires chosen; a second send while the
 * same links are open says so and asks first. Desktop and phone, with JavaScript on and off.
 */

async function seedCouple() {
  const { practice, owner } = await createPracticeWithOwner();
  const lee = await createClient(practice.id, owner.id, { firstName: "Lee", lastName: "Hart" });
  const morgan = await createClient(practice.id, owner.id, { firstName: "Morgan", lastName: "Hart" });
  const couple = await linkCouple(practice.id, lee.id, morgan.id);
  return { owner, lee, morgan, couple };
}

const sendForm = (page: Page) => page.getByRole("region", { name: "Send the next assessment to both partners" });

async function openSendForm(page: Page) {
  const form = sendForm(page);
  if (!(await form.isVisible())) await page.getByText("Send questionnaires").click();
  await expect(form).toBeVisible();
  return form;
}

async function linkCount(...clientIds: string[]) {
  return (await Promise.all(clientIds.map((id) => invitationsOf(id)))).flat().length;
}

for (const javaScriptEnabled of [true, false]) {
  for (const [size, viewport] of [
    ["desktop", { width: 1440, height: 900 }],
    ["phone", { width: 390, height: 844 }],
  ] as const) {
    test.describe(`${size}, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
      test.use({ javaScriptEnabled, viewport });

      test("a double-clicked send makes one set of links; the second send warns first; the form remembers the choice", async ({ page, auth }) => {
        const { owner, lee, morgan, couple } = await seedCouple();
        await auth.signInAs(owner);
        await page.goto(`/couples/${couple.id}`);
        let form = await openSendForm(page);
        const questionnaires = () => sendForm(page).getByRole("group", { name: "Questionnaires" });
        await questionnaires().getByRole("checkbox", { name: phq9V1.title }).check();
        // Both clicks post the same form (without JavaScript the browser really posts twice).
        await form.getByRole("button", { name: "Send assessment" }).dblclick();
        form = sendForm(page);
        await expect(form.getByLabel("Link for Lee Hart (Closeness + PHQ-9)")).toHaveValue(/\/a\/[A-Za-z0-9_-]{43}$/);
        await expect(form.getByLabel("Link for Morgan Hart (Closeness + PHQ-9)")).toHaveValue(/\/a\/[A-Za-z0-9_-]{43}$/);
        await expect(form.getByRole("img", { name: "QR code to open Lee Hart’s questionnaire" })).toBeVisible();
        await expect(form.getByRole("button", { name: "Sign out and open the questionnaire on this device" })).toHaveCount(2);
        expect(await linkCount(lee.id, morgan.id)).toBe(2);

        // A fresh page: the form starts with what was chosen last time, and lists the links still open.
        await page.goto(`/couples/${couple.id}`);
        form = await openSendForm(page);
        await expect(questionnaires().getByRole("checkbox", { name: phq9V1.title })).toBeChecked();
        await expect(questionnaires().getByRole("checkbox", { name: closenessV1.title })).toBeChecked();
        await expect(form.getByText("Links still open")).toBeVisible();
        await expect(form.getByText(/Lee Hart: Closeness \+ PHQ-9, sent .*, not opened yet/)).toBeVisible();

        // Sending the same again: nothing is made until the clinician says yes.
        await form.getByRole("button", { name: "Send assessment" }).click();
        const warning = sendForm(page).getByRole("alert");
        await expect(warning).toContainText(/Lee Hart already has an open link \(Closeness \+ PHQ-9\), sent .*, not opened yet\./);
        await expect(warning).toContainText(/Morgan Hart already has an open link/);
        await expect(warning).toContainText("Send another set of links anyway?");
        expect(await linkCount(lee.id, morgan.id)).toBe(2);
        // axe runs its script in the page: only with JavaScript on.
        if (javaScriptEnabled) await expectNoAxeViolations(page);
        await warning.getByRole("button", { name: "Send another anyway" }).dblclick();
        await expect(sendForm(page).getByLabel("Link for Lee Hart (Closeness + PHQ-9)")).toBeVisible();
        expect(await linkCount(lee.id, morgan.id)).toBe(4);
      });
    });
  }
}

// Resending offers what a new link offers: what it carries, copy, its QR code and "open here".
for (const javaScriptEnabled of [true, false]) {
  test.describe(`resend, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("a resent link says what it carries, with its QR code and open-here", async ({ page, auth }) => {
      const { owner, lee, couple } = await seedCouple();
      await auth.signInAs(owner);
      await page.goto(`/couples/${couple.id}`);
      const form = await openSendForm(page);
      await form.getByRole("button", { name: "Send assessment" }).click();
      await expect(sendForm(page).getByLabel("Link for Lee Hart (Closeness)")).toBeVisible();
      await page.goto(`/clients/${lee.id}/links`);
      const rows = page.getByRole("list", { name: "Invitations" }).getByRole("listitem").filter({ hasText: "Lee Hart" });
      await rows.getByText("Resend…").click();
      await rows.getByRole("button", { name: "Resend to Lee Hart" }).click();
      await expect(rows.getByRole("status")).toContainText("the previous link no longer works");
      await expect(rows.getByLabel("Link for Lee Hart (Closeness)")).toHaveValue(/\/a\/[A-Za-z0-9_-]{43}$/);
      await expect(rows.getByRole("img", { name: "QR code to open Lee Hart’s questionnaire" })).toBeVisible();
      await expect(rows.getByRole("button", { name: "Sign out and open the questionnaire on this device" })).toBeVisible();
      expect((await invitationsOf(lee.id)).length).toBe(1);
    });
  });
}
