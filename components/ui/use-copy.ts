"use client";

import { useState } from "react";

export type CopyStatus = "idle" | "copied" | "failed";

/**
 * Puts `text` on the clipboard when `copy` is called (from a click: browsers want a gesture). The
 * status says how it went; "failed" where the browser refuses (permission denied, an insecure
 * origin), so the caller can offer the text to select by hand instead. `copy` resolves to whether it
 * worked.
 */
export function useCopy(text: string): { status: CopyStatus; copy: () => Promise<boolean> } {
  const [status, setStatus] = useState<CopyStatus>("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setStatus("copied");
      return true;
    } catch {
      setStatus("failed");
      return false;
    }
  };
  return { status, copy };
}
