import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { practices } from "@/db/schema";
import { DomainError } from "@/lib/core/errors";
import { clientInput, createTestPractice } from "@/test/fixtures";
import { createClient, getClient, updateClient } from "./clients";
import { clientLanguageForLink } from "./link-language";

describe("a client's language", () => {
  it("is the practice's unless chosen, stays when an edit posts none, and must have a catalogue", async () => {
    const { owner } = await createTestPractice();
    const db = await getDb();
    const plain = await createClient(owner, clientInput());
    expect((await getClient(owner, plain.id)).language).toBe("en");

    await db.update(practices).set({ language: "es" }).where(eq(practices.id, owner.practiceId));
    const byDefault = await createClient(owner, clientInput());
    expect((await getClient(owner, byDefault.id)).language).toBe("es");
    const chosen = await createClient(owner, clientInput({ language: "en" }));
    expect((await getClient(owner, chosen.id)).language).toBe("en");

    await updateClient(owner, byDefault.id, clientInput({ language: null }));
    expect((await getClient(owner, byDefault.id)).language).toBe("es");
    await updateClient(owner, byDefault.id, clientInput({ language: "en" }));
    expect((await getClient(owner, byDefault.id)).language).toBe("en");

    // A well-formed tag without a catalogue is refused on the field, and nothing changes.
    await expect(createClient(owner, clientInput({ language: "fr" }))).rejects.toThrow(DomainError);
    await expect(updateClient(owner, chosen.id, clientInput({ language: "fr" }))).rejects.toThrow(/Choose a language/);
    expect((await getClient(owner, chosen.id)).language).toBe("en");
  });

  it("is found from a link by its token only, and a link that matches nothing names no language", async () => {
    expect(await clientLanguageForLink("a", "not-a-token")).toBeNull();
    expect(await clientLanguageForLink("r", "A".repeat(43))).toBeNull();
  });
});
