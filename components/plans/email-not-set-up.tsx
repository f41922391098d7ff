/**
 * Said plainly wherever plans are made or listed while the server has no SMTP_URL: a plan's links
 * exist only in the email that carries them, so without email they reach no one.
 */
export function PlanEmailNotice() {
  return (
    <div role="note" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <p className="font-medium">Email is not set up at this practice, so plans send nothing.</p>
      <p className="mt-1">
        A plan&rsquo;s links travel only by email: until email is set up they wait unsent in the practice&rsquo;s outbox, and reminders do not go
        out either. Meanwhile, use &ldquo;Send assessment&rdquo; and pass the link on yourself.
      </p>
    </div>
  );
}
