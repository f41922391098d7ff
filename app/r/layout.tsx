import { getTranslations } from "next-intl/server";
import { ClientLinkShell, clientLinkMetadata } from "@/components/shell/client-link-shell";

/** The title in the client's language (lib/next/i18n-request.ts); pages may name themselves more closely. */
export async function generateMetadata() {
  return clientLinkMetadata((await getTranslations("titles"))("reminders"));
}

/** A reminder's stop link (`/r/<token>`). */
export default function ReminderLinkLayout({ children }: { children: React.ReactNode }) {
  return <ClientLinkShell>{children}</ClientLinkShell>;
}
