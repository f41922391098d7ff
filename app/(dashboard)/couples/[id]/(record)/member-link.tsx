import Link from "next/link";
import type { CoupleMember } from "@/lib/couples/couples";

/** A partner's name, linking to their record when the actor may open it. */
export function MemberLink({ member }: { member: CoupleMember }) {
  return member.accessible ? (
    <Link href={`/clients/${member.id}`} className="font-medium text-brand-700 hover:underline">
      {member.name}
    </Link>
  ) : (
    <span className="font-medium text-slate-800">{member.name}</span>
  );
}
