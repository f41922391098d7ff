"use client";

import { useEffect, useState } from "react";
import { createAutosaveQueue, type AutosaveQueue, type SaveStatus } from "./autosave-queue";

/**
 * The questionnaire's background saving in a component: the queue (autosave-queue.ts) bound to the
 * browser's timers, saving at once when the tab is hidden (the phone locking, another app). `save`
 * is bound once: a form's action and sealed reference do not change while it is shown.
 */
export function useAutosave(save: (answers: Record<string, string>) => Promise<{ ok: boolean }>): { status: SaveStatus; queue: AutosaveQueue } {
  const [status, setStatus] = useState<SaveStatus>("idle");
  const [queue] = useState(() =>
    createAutosaveQueue({
      save,
      onStatus: setStatus,
      setTimer: (run, ms) => setTimeout(run, ms),
      clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    }),
  );
  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === "hidden") void queue.flush();
    };
    document.addEventListener("visibilitychange", onHide);
    return () => {
      document.removeEventListener("visibilitychange", onHide);
      queue.discard();
    };
  }, [queue]);
  return { status, queue };
}
