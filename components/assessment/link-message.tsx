/*
 * The questionnaire's end states. None of them names a practice, clinician or client: whoever
 * holds an expired, revoked, used or mistyped link learns nothing about whose it was. The one
 * exception is the thank-you just after sending, which says where the answers went.
 */

function MessageCard({ title, icon, children }: { title: string; icon?: React.ReactNode; children: React.ReactNode }) {
  return (
    <section aria-labelledby="message-title" className="rounded-2xl border border-slate-200 bg-white px-6 py-8 shadow-sm sm:px-10 sm:py-12">
      {icon}
      <h1 id="message-title" className="text-2xl font-semibold tracking-tight text-slate-900">
        {title}
      </h1>
      <div className="mt-4 space-y-3 text-base leading-relaxed text-slate-700">{children}</div>
    </section>
  );
}

export function InvalidLinkMessage() {
  return (
    <MessageCard title="This link can’t be used">
      <p>It may have expired, been replaced by a newer link, or been copied only in part.</p>
      <p>
        If you were expecting to fill in a questionnaire, please ask the person who sent you the link for a new one.
      </p>
    </MessageCard>
  );
}

/** A used link. With `help` (one of its answers was critical; the help box stands above), it never says there is nothing more to do. */
export function AlreadyCompletedMessage({ help = false }: { help?: boolean }) {
  if (help) {
    return (
      <MessageCard title="This questionnaire has already been completed">
        <p>The answers were received, and the person who sent you the link has been sent a message to read them. They may not see it today.</p>
        <p>If you need help before then, please do not wait: use the help above, or contact the person who sent you the link.</p>
      </MessageCard>
    );
  }
  return (
    <MessageCard title="This questionnaire has already been completed">
      <p>The answers were received, so there is nothing more to do with this link.</p>
      <p>If you think this is a mistake, please contact the person who sent you the link.</p>
    </MessageCard>
  );
}

/**
 * Where to get help at once, shown first on the thank-you page after a critical answer (PHQ-9 item 9
 * above 0). The practice's own text, or the safe default (lib/alerts/crisis.ts); paragraphs are
 * separated by a blank line. It says nothing about the answers themselves.
 */
export function CrisisMessage({ text, note, className = "" }: { text: string; note?: string; className?: string }) {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
  return (
    <section aria-labelledby="crisis-title" className={`rounded-2xl border-2 border-red-300 bg-red-50 px-6 py-6 shadow-sm sm:px-10 sm:py-8 ${className}`}>
      <h2 id="crisis-title" className="text-xl font-semibold tracking-tight text-red-900">
        If you need help now
      </h2>
      <div className="mt-3 space-y-3 text-base leading-relaxed whitespace-pre-line text-red-950">
        {paragraphs.map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
      </div>
      {note ? <p className="mt-4 border-t border-red-200 pt-3 text-base leading-relaxed text-red-950">{note}</p> : null}
    </section>
  );
}

type SentTo = { practiceName: string; clinicianName: string };

/** Said under the help on the questionnaire, once a saved answer was critical: who has been told, and when they will see it. */
export function draftHelpNote({ clinicianName, practiceName }: SentTo): string {
  return (
    `${clinicianName} at ${practiceName} has been sent a message to sign in and read your answers so far, even before you send them. ` +
    "They will see it the next time they check their messages, which may not be today: if you need help now, please do not wait for them. " +
    "You can carry on with the questionnaire whenever you are ready."
  );
}

/**
 * After sending. `sentTo` names who received the answers, only just after they were sent. With
 * `help` (a critical answer: the help box stands above), the page speaks with it: it says who has
 * been told and when they will see it, and never that there is nothing more to do.
 */
export function ThankYouMessage({ sentTo, help = false }: { sentTo?: SentTo | null; help?: boolean }) {
  const icon = (
    <div aria-hidden="true" className="mb-5 flex h-12 w-12 items-center justify-center rounded-full bg-brand-100 text-brand-700">
      <svg viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth={2.5} strokeLinecap="round" strokeLinejoin="round">
        <path d="M5 12.5l4.5 4.5L19 7.5" />
      </svg>
    </div>
  );
  const contact = sentTo ? sentTo.practiceName : "your therapist";
  if (help) {
    return (
      <MessageCard title="Thank you for your answers" icon={icon}>
        <p>
          {sentTo ? `Your answers have gone to ${sentTo.clinicianName} at ${sentTo.practiceName}.` : "Your answers have been sent to the person who asked you to fill in this questionnaire."}
        </p>
        <div className="rounded-lg bg-slate-50 p-4 text-sm">
          <h2 className="font-semibold text-slate-900">What happens next</h2>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            <li>
              Because of one of your answers, {sentTo ? sentTo.clinicianName : "your therapist"} has been sent a message to sign in
              and read them. They will see it the next time they check their messages, which may not be today.
            </li>
            <li>If you need help before then, please do not wait: use the help above.</li>
            <li>You do not have to wait for your next session to talk about how you feel: you can contact {contact} before then.</li>
            <li>Your answers are saved and this link is now closed.</li>
          </ul>
        </div>
      </MessageCard>
    );
  }
  return (
    <MessageCard title="Thank you" icon={icon}>
      {sentTo ? (
        <p>
          Your answers have gone to {sentTo.clinicianName} at {sentTo.practiceName}. They will talk them through with you at
          your next session.
        </p>
      ) : (
        <p>
          Your answers have been sent to the person who asked you to fill in this questionnaire. They will talk them through
          with you at your next session.
        </p>
      )}
      <div className="rounded-lg bg-slate-50 p-4 text-sm">
        <h2 className="font-semibold text-slate-900">What happens next</h2>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          <li>There is nothing more to do: your answers are saved and this link is now closed.</li>
          <li>
            If something came up that you would like to talk about before your next session, contact {contact}.
          </li>
          <li>You can close this page now.</li>
        </ul>
      </div>
    </MessageCard>
  );
}
