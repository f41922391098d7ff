/** The parts of a client record their name is made of; caseload rows and overview rows carry them too. */
export type ClientNameParts = { firstName: string; lastName: string; preferredName: string | null };

/** "Ana Silva", or "Ana (Annie) Silva" when the client has a preferred name. */
export function displayName(client: ClientNameParts): string {
  const first = client.preferredName ? `${client.firstName} (${client.preferredName})` : client.firstName;
  return `${first} ${client.lastName}`;
}

/**
 * The name a person goes by, from their display name: the preferred name when there is one
 * ("Ana (Annie) Silva" → "Annie"), else the first word ("Lee Park" → "Lee").
 */
export function shortName(name: string): string {
  const preferred = /\(([^)]+)\)/.exec(name)?.[1]?.trim();
  if (preferred) return preferred;
  return name.trim().split(/\s+/)[0] ?? name;
}

/**
 * Two partners' names as they label their values side by side: the names they go by, or, when
 * those are the same ("Sam" and "Sam"), with the initial of the last name added ("Sam P.", "Sam R.")
 * — and the whole names if even that does not tell them apart.
 */
export function partnerLabels(a: string, b: string): [string, string] {
  const [shortA, shortB] = [shortName(a), shortName(b)];
  if (shortA.toLowerCase() !== shortB.toLowerCase()) return [shortA, shortB];
  const initial = (name: string) => name.trim().split(/\s+/).slice(1).at(-1)?.[0];
  const [ia, ib] = [initial(a), initial(b)];
  if (ia && ib && ia.toLowerCase() !== ib.toLowerCase()) return [`${shortA} ${ia}.`, `${shortB} ${ib}.`];
  return [a, b];
}

/** A value with the name of whose it is: "Lee 43.8". */
export type NamedValue = { name: string; value: string };

/** Values of two (or more) people in words, each with its name: "Lee 43.8 and Morgan 12.5". */
export function namedValues(values: readonly NamedValue[], joiner = " and "): string {
  return values.map((v) => `${v.name} ${v.value}`).join(joiner);
}
