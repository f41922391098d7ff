"use client";

import { useEffect, type Dispatch, type RefObject, type SetStateAction } from "react";
import type { AutosaveQueue } from "./autosave-queue";

/**
 * On a slow connection a client can answer before the page has hydrated: the radios are checked,
 * but their change events came before React did, so the part's state does not have them. Once
 * hydrated, each answer that differs from what the server knew is taken into the state and queued
 * for saving: it counts, is saved in the background and is never flagged as missing.
 */
export function useEarlyAnswers(
  formRef: RefObject<HTMLFormElement | null>,
  known: Record<string, number>,
  setAnswers: Dispatch<SetStateAction<Record<string, number>>>,
  queue: AutosaveQueue,
) {
  useEffect(() => {
    const early = answersCheckedIn(formRef.current, known);
    if (early.length === 0) return;
    setAnswers((current) => ({ ...current, ...Object.fromEntries(early) }));
    for (const [id, value] of early) queue.queue(id, String(value));
  }, [formRef, known, setAnswers, queue]);
}

/** The radios checked in a form whose answer differs from what the server knew. */
function answersCheckedIn(form: HTMLFormElement | null, known: Record<string, number>): [string, number][] {
  if (!form) return [];
  return Array.from(form.querySelectorAll<HTMLInputElement>('input[type="radio"]:checked'))
    .map((input): [string, number] => [input.name, Number(input.value)])
    .filter(([id, value]) => known[id] !== value);
}
