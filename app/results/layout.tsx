import { ClientLinkShell, clientLinkMetadata } from "@/components/shell/client-link-shell";

export const metadata = clientLinkMetadata("Your results");

/** A client's own results (`/results/<token>`). */
export default function ResultsLayout({ children }: { children: React.ReactNode }) {
  return <ClientLinkShell wide>{children}</ClientLinkShell>;
}
