import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Clients" };

export default async function ClientsPage() {
  const actor = await requireActor();
  return (
    <>
      <PageHeader
        title="Clients"
        description={actor.role === "owner" ? "Every client of your practice." : "Your caseload."}
      />
      <EmptyState title="No clients yet">
        Your caseload will appear here: each client with their partner, their last assessment date, their latest overall
        closeness score and any invitations still waiting for an answer.
      </EmptyState>
    </>
  );
}
