import { buttonClass } from "@/components/ui/button";
import type { ConsentOffer } from "@/lib/feedback/public-results";

/*
 * A partner's own yes or no to sharing results with the other. A plain form (no script), so it
 * works with JavaScript off; the form names its link only by a sealed reference. Says nothing about
 * whether the partner has said yes: each decides on their own.
 */
export function CoupleConsentForm({
  offer,
  clientId,
  sealedRef,
  action,
  saved,
  clinicianName,
}: {
  offer: Extract<ConsentOffer, { kind: "couple" }>;
  clientId: string;
  sealedRef: string;
  action: (formData: FormData) => Promise<void>;
  saved: "yes" | "no" | null;
  /** Who decides whether partners' results can be shared at all. */
  clinicianName: string;
}) {
  return (
    <section data-print="hide" aria-labelledby="consent-heading" className="rounded-2xl border border-slate-200 bg-white px-5 py-6 shadow-sm sm:px-8">
      <h2 id="consent-heading" className="text-xl font-semibold tracking-tight text-slate-900">
        Sharing with your partner
      </h2>
      {saved ? (
        <p role="status" className="mt-3 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          {saved === "yes" ? "Saved: you said yes to sharing your results with your partner." : "Saved: your results are no longer shared with your partner."}
        </p>
      ) : null}
      <div className="mt-3 space-y-2 text-sm text-slate-700">
        <p>
          Your results are yours. Your partner sees them only if you both say yes, each on your own page. Then you both see your
          profiles side by side and where you see things differently. Your answers to the questions themselves are never shown to your
          partner.
        </p>
        {offer.given ? (
          <p className="font-medium text-slate-900">You have said yes. You can change your mind at any time.</p>
        ) : offer.open ? (
          <p className="font-medium text-slate-900">You have not said yes. Nothing of yours is shared with your partner.</p>
        ) : (
          <>
            <p className="font-medium text-slate-900">Sharing with your partner is not open for the two of you at the moment. Nothing of yours is shared.</p>
            <p>
              Whether partners can share results is decided by your clinician, {clinicianName}, for both of you together; it does not
              depend on anything your partner has chosen. If you would like to share, you can ask {clinicianName} about it.
            </p>
          </>
        )}
      </div>
      {offer.given || offer.open ? (
        <form action={action} className="mt-4">
          <input type="hidden" name="ref" value={sealedRef} />
          <input type="hidden" name="clientId" value={clientId} />
          <input type="hidden" name="consent" value={offer.given ? "no" : "yes"} />
          <button type="submit" className={buttonClass(offer.given ? "secondary" : "primary")}>
            {offer.given ? "Stop sharing with my partner" : "Yes, share my results with my partner"}
          </button>
        </form>
      ) : null}
    </section>
  );
}
