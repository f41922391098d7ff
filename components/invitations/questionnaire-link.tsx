"use client";

import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { OneTimeLink } from "@/components/ui/one-time-link";
import type { ActionResult } from "@/lib/core/action-result";

type QrCode = { size: number; path: string };
type OpenHereAction = (state: ActionResult | null, formData: FormData) => Promise<ActionResult>;

/**
 * A new questionnaire link and three ways to hand it over: copy it, let the client scan its QR
 * code (drawn on the server, so it shows without JavaScript too), or open it on this device —
 * which signs the clinician out first, so the questionnaire never leads back into the dashboard.
 */
export function QuestionnaireLink({
  name,
  carries,
  link,
  token,
  qrCode,
  openHereAction,
  otherLinks,
}: {
  name: string;
  /** The questionnaires the link carries, in the order answered ("Closeness + PHQ-9"); unknown after a resend. */
  carries?: string;
  link: string;
  token: string;
  qrCode: QrCode;
  openHereAction: OpenHereAction;
  /** Other links shown beside this one, which signing out would lose. */
  otherLinks: number;
}) {
  const [state, formAction] = useActionState(openHereAction, null);
  const noteId = `open-here-note-${token.slice(0, 8)}`;
  return (
    <OneTimeLink link={link} label={carries ? `Link for ${name} (${carries})` : `Link for ${name}`}>
      <div className="mt-3 flex flex-col gap-4 sm:flex-row sm:items-start">
        <svg
          role="img"
          aria-label={`QR code to open ${name}’s questionnaire`}
          viewBox={`0 0 ${qrCode.size} ${qrCode.size}`}
          shapeRendering="crispEdges"
          className="h-40 w-40 shrink-0 self-center rounded border border-amber-200 bg-white sm:self-start"
        >
          <rect width={qrCode.size} height={qrCode.size} fill="#fff" />
          <path d={qrCode.path} fill="#0f172a" />
        </svg>
        <div className="min-w-0 space-y-3 text-slate-700">
          <p>
            <span className="font-medium text-slate-900">In the room?</span> {name} can scan this code with their phone’s camera
            to open the questionnaire.
          </p>
          <form action={formAction}>
            <input type="hidden" name="token" value={token} />
            <button type="submit" aria-describedby={noteId} className={buttonClass("secondary", "w-full text-left sm:w-auto")}>
              Sign out and open the questionnaire on this device
            </button>
            <p id={noteId} className="mt-1.5 text-xs text-slate-600">
              For handing this device to {name}. You are signed out first, so nothing of your dashboard can be reached from the
              questionnaire.
              {otherLinks > 0 ? ` Copy or scan the other ${otherLinks === 1 ? "link" : "links"} here first: ${otherLinks === 1 ? "it is" : "they are"} not shown again.` : ""}
            </p>
            {state && !state.ok ? (
              <div className="mt-2">
                <FormMessage state={state} />
              </div>
            ) : null}
          </form>
        </div>
      </div>
    </OneTimeLink>
  );
}
