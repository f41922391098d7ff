"use client";

import { useEffect } from "react";

/**
 * Moves focus to an element when it appears, so that after a client-side navigation a screen
 * reader starts at the new content instead of a button that no longer exists. A link to a
 * particular question (#q-…) keeps the browser's own jump to it.
 */
export function FocusOnMount({ targetId }: { targetId: string }) {
  useEffect(() => {
    if (window.location.hash) return;
    document.getElementById(targetId)?.focus({ preventScroll: true });
  }, [targetId]);
  return null;
}
