import Link from "next/link";

/** On the overview while email is not set up: how many emails wait unsent, plainly. */
export function EmailWaiting({ waiting, isOwner }: { waiting: number; isOwner: boolean }) {
  const emails = waiting === 1 ? "1 email waits" : `${waiting.toLocaleString("en-GB")} emails wait`;
  return (
    <section aria-label="Email" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      <p className="font-medium">
        Email is not set up, so nothing is being sent: {waiting === 0 ? "no email waits yet" : `${emails} unsent`}.
      </p>
      <p className="mt-1">
        Invitations, reminders and plan links reach no one by email until it is set up; pass links on yourself when you send.{" "}
        {isOwner ? (
          <Link href="/settings#outbox-heading" className="font-medium underline underline-offset-2">
            See the outgoing email
          </Link>
        ) : (
          "Your practice owner can see the outgoing email."
        )}
      </p>
    </section>
  );
}
