/**
 * Text made safe to put into HTML we write by hand (emails, the proxy's plain pages): in element
 * content and in quoted attribute values alike. React escapes what it renders; this is for the rest.
 */
export function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}
