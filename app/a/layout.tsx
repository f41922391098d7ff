import { ClientLinkShell, clientLinkMetadata } from "@/components/shell/client-link-shell";

export const metadata = clientLinkMetadata("Questionnaire");

/** A client's questionnaire (`/a/<token>`). */
export default function ClientLinkLayout({ children }: { children: React.ReactNode }) {
  return <ClientLinkShell>{children}</ClientLinkShell>;
}
