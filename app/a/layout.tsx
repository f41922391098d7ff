import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { ClientLinkShell, clientLinkMetadata } from "@/components/shell/client-link-shell";
import { browserMessages } from "@/lib/i18n/catalogues";

/** The title in the client's language (lib/next/i18n-request.ts); pages may name themselves more closely. */
export async function generateMetadata() {
  return clientLinkMetadata((await getTranslations("titles"))("questionnaire"));
}

/** A client's questionnaire (`/a/<token>`): its parts switch in the browser, with the words they need. */
export default async function ClientLinkLayout({ children }: { children: React.ReactNode }) {
  return (
    <ClientLinkShell>
      <NextIntlClientProvider messages={browserMessages(await getMessages())}>{children}</NextIntlClientProvider>
    </ClientLinkShell>
  );
}
