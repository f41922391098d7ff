import "server-only";
import { headers } from "next/headers";

/**
 * This render answers a form posted without JavaScript (a plain multipart post, no `Next-Action`
 * header): the page is drawn anew, so a disclosure that holds the form must start open to show the
 * form's answer (the new links, or the question before repeating a link). With JavaScript, the
 * disclosure keeps its own open state across the action.
 */
export async function postedWithoutJavaScript(): Promise<boolean> {
  const request = await headers();
  return !request.has("next-action") && (request.get("content-type") ?? "").startsWith("multipart/form-data");
}
