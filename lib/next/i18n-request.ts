import { headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { clientLanguageForLink, type ClientLinkKind } from "@/lib/clients/link-language";
import { DEFAULT_LOCALE, messagesFor } from "@/lib/i18n/catalogues";

/*
 * next-intl's request configuration, without i18n routing: a client's pages take the language of
 * the client their link belongs to (the URL has no language in it, and a client has no account);
 * every other page is the clinician's side, in English for now. proxy.ts passes the path on in
 * `x-attune-path` (it overwrites anything a client sends under that name). next-intl calls this
 * once per request (React cache), and its result feeds `<html lang>` in the root layout.
 */

export const PATH_HEADER = "x-attune-path";

const CLIENT_LINK = /^\/(a|r|results)\/([^/]+)/;

async function localeForPath(pathname: string | null): Promise<string> {
  const match = pathname ? CLIENT_LINK.exec(pathname) : null;
  if (!match) return DEFAULT_LOCALE;
  try {
    return (await clientLanguageForLink(match[1] as ClientLinkKind, match[2]!)) ?? DEFAULT_LOCALE;
  } catch {
    // Without the database the page shows its own calm error; its words then are the default's.
    return DEFAULT_LOCALE;
  }
}

export default getRequestConfig(async () => {
  const locale = await localeForPath((await headers()).get(PATH_HEADER));
  return { locale, messages: messagesFor(locale) };
});
