import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult } from "@/lib/core/action-result";

/** The owner's choice of whether clients see their own results unless their clinician says otherwise. */
export function ResultsSharingDefault({
  shareByDefault,
  action,
}: {
  shareByDefault: boolean;
  action: (state: ActionResult | null, formData: FormData) => Promise<ActionResult>;
}) {
  return (
    <section aria-labelledby="results-sharing-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-6">
      <h2 id="results-sharing-heading" className="text-base font-semibold">
        Sharing results with clients
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        {shareByDefault ? <Badge tone="green">On by default</Badge> : <Badge tone="slate">Off by default</Badge>}{" "}
        {shareByDefault
          ? "Clients see their own results on their results link, unless their clinician has switched sharing off for them."
          : "Clients see their own results only where their clinician has switched sharing on for them."}{" "}
        A clinician&apos;s choice for a client always wins over this default. Partners see each other&apos;s results only when both agree.
      </p>
      <ActionForm action={action} className="mt-3">
        <input type="hidden" name="shareByDefault" value={shareByDefault ? "off" : "on"} />
        <SubmitButton variant="secondary" pendingLabel="Saving…">
          {shareByDefault ? "Make sharing off by default" : "Make sharing on by default"}
        </SubmitButton>
      </ActionForm>
    </section>
  );
}
