import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { formatScore } from "@/lib/instruments/scoring";
import { orNotFound } from "@/lib/next/or-not-found";
import { getClientScores } from "@/lib/scores/scores";
import { loadCoupleRecord } from "../load";
import { MemberLink } from "../member-link";

const card = "rounded-lg border border-slate-200 bg-white p-4 sm:p-6";

/** Each partner: status, clinician, their latest overall score, and a way to their own record. */
export default async function CouplePartnersPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { actor, a, b } = await loadCoupleRecord(id);
  const own = await orNotFound(Promise.all([a, b].map((member) => (member.accessible ? getClientScores(actor, member.id) : Promise.resolve(null)))));
  return (
    <ul className="grid gap-4 sm:grid-cols-2" aria-label="Partners">
      {[a, b].map((member, index) => {
        const scores = own[index];
        return (
          <li key={member.id} className={card}>
            <h2 className="text-base font-semibold">
              <MemberLink member={member} />
            </h2>
            <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
              {member.status === "archived" ? <Badge tone="slate">Archived</Badge> : <Badge tone="green">Active</Badge>}
              <span>Clinician: {member.clinicianName}</span>
            </p>
            <p className="mt-2 text-sm text-slate-700">
              {!member.accessible
                ? "On another clinician's caseload: their record is private to them."
                : scores?.summary
                  ? `Latest overall ${formatScore(scores.summary.latest.overall)}, ${scores.assessments.length} assessment${scores.assessments.length === 1 ? "" : "s"}.`
                  : "No assessment yet."}
            </p>
            {member.accessible ? (
              <Link href={`/clients/${member.id}`} className="mt-3 inline-block text-sm font-medium text-brand-700 hover:underline">
                Open {member.name}&apos;s own record →
              </Link>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
