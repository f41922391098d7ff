"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, type RefObject } from "react";

/** A part switched in the browser starts at its top with its own title, like a new page (focus: FocusOnMount); the title in the client's language. */
export function usePartStartsAtTop(step: number, total: number) {
  const shown = useRef(step);
  const t = useTranslations("titles");
  const title = t("part", { step, total });
  useEffect(() => {
    if (shown.current === step) return;
    shown.current = step;
    document.title = title;
    window.scrollTo({ top: 0 });
  }, [step, title]);
}

/**
 * After an answer by tap or click (not arrow keys, which move within the group), brings the next
 * statement — or, after the last, the part's buttons — into view if it is off screen.
 */
export function useRevealNext(items: readonly { id: string }[], after: RefObject<HTMLElement | null>) {
  const byPointer = useRef(false);
  return {
    onPointerDown: () => {
      byPointer.current = true;
    },
    onKeyDown: () => {
      byPointer.current = false;
    },
    afterAnswer(itemId: string) {
      if (!byPointer.current) return;
      byPointer.current = false;
      const index = items.findIndex((item) => item.id === itemId);
      const next = items[index + 1];
      const target = next ? document.getElementById(`q-${next.id}`) : after.current;
      if (!target) return;
      const box = target.getBoundingClientRect();
      if (box.top >= 0 && box.bottom <= window.innerHeight) return;
      const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      target.scrollIntoView({ block: "center", behavior: reduce ? "auto" : "smooth" });
    },
  };
}
