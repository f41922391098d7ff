import { useTranslations } from "next-intl";
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
  const t = useTranslations("consent");
  return (
    <section data-print="hide" aria-labelledby="consent-heading" className="rounded-2xl border border-slate-200 bg-white px-5 py-6 shadow-sm sm:px-8">
      <h2 id="consent-heading" className="text-xl font-semibold tracking-tight text-slate-900">
        {t("title")}
      </h2>
      {saved ? (
        <p role="status" className="mt-3 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          {saved === "yes" ? t("savedYes") : t("savedNo")}
        </p>
      ) : null}
      <div className="mt-3 space-y-2 text-sm text-slate-700">
        <p>{t("yours")}</p>
        {offer.given ? (
          <p className="font-medium text-slate-900">{t("given")}</p>
        ) : offer.open ? (
          <p className="font-medium text-slate-900">{t("open")}</p>
        ) : (
          <>
            <p className="font-medium text-slate-900">{t("closed")}</p>
            <p>{t("decidedBy", { clinician: clinicianName })}</p>
          </>
        )}
      </div>
      {offer.given || offer.open ? (
        <form action={action} className="mt-4">
          <input type="hidden" name="ref" value={sealedRef} />
          <input type="hidden" name="clientId" value={clientId} />
          <input type="hidden" name="consent" value={offer.given ? "no" : "yes"} />
          <button type="submit" className={buttonClass(offer.given ? "secondary" : "primary")}>
            {offer.given ? t("stop") : t("share")}
          </button>
        </form>
      ) : null}
    </section>
  );
}
