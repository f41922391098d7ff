/*
 * The calm states of a results link. None names a practice, clinician or client: whoever holds an
 * expired, revoked, replaced or mistyped link learns nothing about whose it was.
 */

function Card({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby="message-title" className="rounded-2xl border border-slate-200 bg-white px-6 py-8 shadow-sm sm:px-10 sm:py-12">
      <h1 id="message-title" className="text-2xl font-semibold tracking-tight text-slate-900">
        {title}
      </h1>
      <div className="mt-4 space-y-3 text-base leading-relaxed text-slate-700">{children}</div>
    </section>
  );
}

export function ResultsUnavailableMessage() {
  return (
    <Card title="This link can’t be used">
      <p>It may have expired, been replaced by a newer link, or been copied only in part.</p>
      <p>If you were expecting to see your results, please ask the person who sent you the link for a new one.</p>
    </Card>
  );
}

export function ResultsPausedMessage() {
  return (
    <Card title="Your results are not shown here just now">
      <p>Your therapist will talk your results through with you in your sessions.</p>
      <p>If you have questions about them, you can ask at your next session.</p>
    </Card>
  );
}

export function NothingToShowYetMessage() {
  return (
    <Card title="Nothing to show yet">
      <p>Your results will appear here once you have filled in your first questionnaire.</p>
      <p>There is nothing you need to do now. You can come back to this link later.</p>
    </Card>
  );
}
