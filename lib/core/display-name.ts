/** The parts of a client record their name is made of; caseload rows and overview rows carry them too. */
export type ClientNameParts = { firstName: string; lastName: string; preferredName: string | null };

/** "Ana Silva", or "Ana (Annie) Silva" when the client has a preferred name. */
export function displayName(client: ClientNameParts): string {
  const first = client.preferredName ? `${client.firstName} (${client.preferredName})` : client.firstName;
  return `${first} ${client.lastName}`;
}
