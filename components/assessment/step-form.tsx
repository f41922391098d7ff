"use client";

import { useEffect, useRef, useState } from "react";
import { useFormStatus } from "react-dom";
import { buttonClass } from "@/components/ui/button";
import type { ItemDefinition, ScaleOption } from "@/lib/instruments";
import { QuestionFieldset } from "./question-fieldset";
import { StepProgress } from "./step-progress";

type Autosave = (sealedRef: string, answers: Record<string, string>) => Promise<{ ok: boolean }>;

const AUTOSAVE_DELAY_MS = 400;

/**
 * One part of the questionnaire. Without JavaScript it is a plain form: the buttons post the
 * answers to the server action, which saves them and redirects to the next part. With JavaScript,
 * each answer is also saved a moment after it is chosen, so nothing is lost if the tab closes.
 */
export function StepForm({
  action,
  autosave,
  sealedRef,
  step,
  totalSteps,
  firstNumber,
  items,
  scale,
  draft,
  flagMissing,
  returnToReview,
  answeredElsewhere,
  totalItems,
  notice,
}: {
  action: (formData: FormData) => Promise<void>;
  autosave: Autosave;
  sealedRef: string;
  step: number;
  totalSteps: number;
  firstNumber: number;
  items: Pick<ItemDefinition, "id" | "text">[];
  scale: readonly ScaleOption[];
  draft: Record<string, number>;
  flagMissing: boolean;
  /** Reached from the list of missing answers: the primary button goes back there. */
  returnToReview: boolean;
  /** Answers saved for the other parts, so the count can move as this part is answered. */
  answeredElsewhere: number;
  totalItems: number;
  notice?: React.ReactNode;
}) {
  const [status, setStatus] = useState<"idle" | "saving" | "saved" | "error">("idle");
  const pending = useRef<Record<string, string>>({});
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const isLast = step === totalSteps;
  const [answeredHere, setAnsweredHere] = useState(() => items.filter((item) => draft[item.id] !== undefined).length);

  async function flush() {
    const answers = pending.current;
    pending.current = {};
    if (Object.keys(answers).length === 0) return;
    setStatus("saving");
    let saved = false;
    try {
      saved = (await autosave(sealedRef, answers)).ok;
    } catch {
      // The server may be briefly busy (the link's record locked, the database restarting).
    }
    setStatus(saved ? "saved" : "error");
    // Not lost: the choices stay on the page, and the next change or the step's button sends them again.
    if (!saved) pending.current = { ...answers, ...pending.current };
  }

  useEffect(() => () => clearTimeout(timer.current), []);

  function onChange(event: React.FormEvent<HTMLFormElement>) {
    const input = event.target as HTMLInputElement;
    if (input.type !== "radio") return;
    const form = event.currentTarget;
    setAnsweredHere(items.filter((item) => form.querySelector(`input[name="${item.id}"]:checked`)).length);
    pending.current[input.name] = input.value;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
  }

  return (
    <form action={action} onChange={onChange}>
      <StepProgress step={step} total={totalSteps} answered={answeredElsewhere + answeredHere} items={totalItems} />
      <p className="mt-5 text-base text-slate-700">How much do you agree with each statement?</p>
      {notice}
      <input type="hidden" name="ref" value={sealedRef} />
      <input type="hidden" name="step" value={step} />
      <div className="mt-6 space-y-4">
        {items.map((item, index) => (
          <QuestionFieldset
            key={item.id}
            item={item}
            number={firstNumber + index}
            scale={scale}
            answer={draft[item.id]}
            flagMissing={flagMissing}
          />
        ))}
      </div>
      {/* The primary button comes first: pressing Enter submits with the first submit button. */}
      <div className="mt-6 flex flex-col gap-3 sm:flex-row sm:items-center">
        {returnToReview ? (
          <StepButton intent="review" primary>
            Save and go to sending
          </StepButton>
        ) : (
          <StepButton intent={isLast ? "submit" : "next"} primary>
            {isLast ? "Send my answers" : "Save and continue"}
          </StepButton>
        )}
        <StepButton intent="back">Back</StepButton>
        <p className="text-sm text-slate-600 sm:ml-auto" aria-live="polite">
          {status === "saving" ? "Saving…" : status === "saved" ? "Answers saved" : status === "error" ? "Couldn’t save just now. Your answers are still here; please try again in a moment." : ""}
        </p>
      </div>
    </form>
  );
}

function StepButton({ intent, primary = false, children }: { intent: string; primary?: boolean; children: React.ReactNode }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      name="intent"
      value={intent}
      disabled={pending}
      className={buttonClass(primary ? "primary" : "secondary", "min-h-12 w-full px-6 text-base sm:w-auto")}
    >
      {children}
    </button>
  );
}
