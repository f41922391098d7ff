import { loadClientRecord } from "../load";
import { SharingTab } from "./sharing-tab";

/** What the client sees of their own results, and the links that show it. */
export default async function ClientSharingPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { actor, client, name, partner } = await loadClientRecord(id);
  return <SharingTab actor={actor} clientId={client.id} clientName={name} partnerName={partner?.name ?? null} />;
}
