/*
 * The questionnaire's end states. None of them names a practice, clinician or client: whoever
 * holds an expired, revoked, used or mistyped link learns nothing about whose it was.
 */

function MessageCard({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby="message-title" className="rounded-2xl border border-slate-200 bg-white px-6 py-8 shadow-sm sm:px-10 sm:py-12">
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

export function AlreadyCompletedMessage() {
  return (
    <MessageCard title="This questionnaire has already been completed">
      <p>The answers were received, so there is nothing more to do with this link.</p>
      <p>If you think this is a mistake, please contact the person who sent you the link.</p>
    </MessageCard>
  );
}

export function ThankYouMessage() {
  return (
    <MessageCard title="Thank you">
      <p>Your answers have been sent. There is nothing more to do.</p>
      <p>You can close this page now.</p>
    </MessageCard>
  );
}
