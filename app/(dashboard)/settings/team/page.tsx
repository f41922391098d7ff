import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AddClinicianForm } from "@/components/team/add-clinician-form";
import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { SubmitButton } from "@/components/ui/submit-button";
import { SettingsNav } from "@/components/shell/settings-nav";
import { ReauthFields } from "@/components/settings/account-forms";
import { isOwner } from "@/lib/core/owner";
import { hasTwoStep } from "@/lib/auth/reauth";
import { requireActor } from "@/lib/auth/session";
import { listTeam } from "@/lib/team/team";
import {
  addClinicianAction,
  deactivateUserAction,
  reactivateUserAction,
  reassignAllAction,
  resendSetPasswordAction,
  resetTwoStepAction,
  unlockSignInAction,
} from "./actions";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage() {
  const actor = await requireActor();
  if (!isOwner(actor)) notFound();
  const [team, ownerHasTwoStep] = await Promise.all([listTeam(actor), hasTwoStep(actor)]);
  const activeClinicians = team.filter((member) => member.active);

  return (
    <>
      <PageHeader title="Settings" description="Your practice and your account." />
      <SettingsNav isOwner />
      <section aria-labelledby="add-heading" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
        <h2 id="add-heading" className="text-base font-semibold">
          Add a clinician
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          They receive a one-time link to set their own password, valid for 72 hours. Clinicians see only their own caseload.
        </p>
        <div className="mt-4">
          <AddClinicianForm action={addClinicianAction} />
        </div>
      </section>

      <section aria-labelledby="team-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
        <h2 id="team-heading" className="text-base font-semibold">
          Team
        </h2>
        <ul className="mt-4 divide-y divide-slate-100" aria-label="Team members">
          {team.map((member) => (
            <li key={member.id} className="flex flex-col gap-3 py-4 lg:flex-row lg:items-start lg:justify-between" aria-label={member.name}>
              <div className="text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium text-slate-900">{member.name}</span>
                  <Badge tone={member.role === "owner" ? "blue" : "neutral"}>{member.role === "owner" ? "Owner" : "Clinician"}</Badge>
                  {member.active ? null : <Badge tone="slate">Deactivated</Badge>}
                  {member.hasPassword ? null : <Badge tone="amber">Invited</Badge>}
                  {member.signInLockedForSeconds === null ? null : <Badge tone="amber">Sign-in locked</Badge>}
                  {member.hasTwoStep ? <Badge tone="neutral">Two-step sign-in</Badge> : null}
                </div>
                <div className="break-all text-slate-500">{member.email}</div>
                <div className="text-slate-500">
                  {member.activeClients} active client{member.activeClients === 1 ? "" : "s"}
                </div>
              </div>
              {member.id === actor.userId ? null : (
                <div className="flex flex-wrap items-start gap-2">
                  {!member.hasPassword && member.active ? (
                    <ActionForm action={resendSetPasswordAction}>
                      <input type="hidden" name="userId" value={member.id} />
                      <SubmitButton variant="secondary" pendingLabel="Making link…">
                        New set-password link
                      </SubmitButton>
                    </ActionForm>
                  ) : null}
                  {member.signInLockedForSeconds === null ? null : (
                    <ActionForm action={unlockSignInAction}>
                      <input type="hidden" name="userId" value={member.id} />
                      <SubmitButton variant="secondary" pendingLabel="Unlocking…">
                        Unlock sign-in <span className="sr-only">for {member.name}</span>
                      </SubmitButton>
                    </ActionForm>
                  )}
                  {member.hasTwoStep ? (
                    <ActionForm
                      action={resetTwoStepAction}
                      confirm={{
                        label: (
                          <>
                            Reset two-step sign-in <span className="sr-only">for {member.name}</span>
                          </>
                        ),
                        question: `${member.name}'s authenticator app and recovery codes stop working; they sign in with their password alone until they set it up again (at once, if the practice requires it).`,
                      }}
                    >
                      <input type="hidden" name="userId" value={member.id} />
                      <div className="w-full space-y-2">
                        <ReauthFields twoStep={ownerHasTwoStep} passwordLabel="Your own password" />
                      </div>
                      <SubmitButton variant="danger" pendingLabel="Resetting…">
                        Yes, reset {member.name}&apos;s two-step sign-in
                      </SubmitButton>
                    </ActionForm>
                  ) : null}
                  <ActionForm action={member.active ? deactivateUserAction : reactivateUserAction}>
                    <input type="hidden" name="userId" value={member.id} />
                    <SubmitButton variant={member.active ? "danger" : "secondary"} pendingLabel="Saving…">
                      {member.active ? "Deactivate" : "Reactivate"} <span className="sr-only">{member.name}</span>
                    </SubmitButton>
                  </ActionForm>
                  {member.activeClients > 0 ? (
                    <ActionForm action={reassignAllAction} className="flex flex-wrap items-end gap-2">
                      <input type="hidden" name="userId" value={member.id} />
                      <div>
                        <label htmlFor={`to-${member.id}`} className="block text-xs font-medium text-slate-700">
                          Reassign all clients to
                        </label>
                        <select id={`to-${member.id}`} name="toClinicianId" className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
                          {activeClinicians
                            // Not to someone invited who has not joined yet (nor can be told apart from one who cannot: lib/team/invited-elsewhere.ts).
                            .filter((other) => other.id !== member.id && other.hasPassword)
                            .map((other) => (
                              <option key={other.id} value={other.id}>
                                {other.name}
                              </option>
                            ))}
                        </select>
                      </div>
                      <SubmitButton variant="secondary" pendingLabel="Reassigning…">
                        Reassign
                      </SubmitButton>
                    </ActionForm>
                  ) : null}
                </div>
              )}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
