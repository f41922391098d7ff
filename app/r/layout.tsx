import { ClientLinkShell, clientLinkMetadata } from "@/components/shell/client-link-shell";

export const metadata = clientLinkMetadata("Reminders");

/** A reminder's stop link (`/r/<token>`). */
export default function ReminderLinkLayout({ children }: { children: React.ReactNode }) {
  return <ClientLinkShell>{children}</ClientLinkShell>;
}
