"use client";

import { useSearchParams } from "next/navigation";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { flushSync, useFormStatus } from "react-dom";
import { buttonClass } from "@/components/ui/button";
import { FocusOnMount } from "./focus-on-mount";
import { CrisisMessage } from "./link-message";
import { QuestionFieldset } from "./question-fieldset";
import { StepProgress } from "./step-progress";
import { InstrumentTitle } from "./instrument-title";
import { countAnswered, listNumbers, parseStep, requiredItems, unansweredIn, type SittingInstrument, type SittingPart } from "./steps";

type Autosave = (sealedRef: string, answers: Record<string, string>) => Promise<{ ok: boolean; help?: string | null }>;
/** Why the first part shown flags its unanswered statements: sent from the review, or left with gaps. */
export type StepFlag = "review" | "left" | null;

const AUTOSAVE_DELAY_MS = 400;
const RETRY_DELAY_MS = 5_000;
const MAX_AUTOMATIC_RETRIES = 3;

const noSubscription = () => () => {};

/**
 * The questionnaire's parts. Without JavaScript each part is a plain form: its buttons post the
 * answers to the server action, which saves them and redirects to the next part. With JavaScript
 * the parts switch in the browser (the URL still says `?step=n`, so reload and the back button
 * work) while answers are saved in the background as they are chosen; only sending, the way to the
 * review and the way back to the introduction go to the server, with every answer in the post.
 * Either way, a part left with a statement unanswered is shown again once with the gaps flagged.
 * A sitting of several instruments names the instrument of each part above its items (title,
 * instructions on its first part, its question) and its required attribution below them; a
 * Closeness-only sitting shows its parts as it always has.
 */
export function StepForm({
  action,
  autosave,
  sealedRef,
  steps,
  instruments,
  initialStep,
  draft,
  initialFlag,
  notice,
  help: initialHelp,
  helpNote,
}: {
  action: (formData: FormData) => Promise<void>;
  autosave: Autosave;
  sealedRef: string;
  steps: SittingPart[];
  instruments: SittingInstrument[];
  initialStep: number;
  draft: Record<string, number>;
  initialFlag: StepFlag;
  /** Shown on the part first rendered (e.g. answers that could not be read). */
  notice?: React.ReactNode;
  /** Where to get help now, once a saved answer was critical (also arrives with an autosave's reply). */
  help: string | null;
  /** Said under the help: who has been told, and when they will see it. */
  helpNote: string;
}) {
  const fromUrl = parseStep(useSearchParams().get("step") ?? undefined, steps.length);
  const step = typeof fromUrl === "number" ? fromUrl : initialStep;
  const part = steps[step - 1]!;
  const items = part.items;
  const instrument = instruments[part.instrument]!;
  const several = instruments.length > 1;
  const firstOfInstrument = steps.findIndex((candidate) => candidate.instrument === part.instrument) === step - 1;
  const totalItems = requiredItems(steps).length;
  const Noun = instrument.noun === "statement" ? "Statement" : "Question";
  const Nouns = instrument.noun === "statement" ? "Statements" : "Questions";
  const isLast = step === steps.length;
  // Reached from the review's list of missing answers: the primary button goes back there.
  const returnToReview = initialFlag === "review";

  const [answers, setAnswers] = useState<Record<string, number>>(draft);
  const [flagged, setFlagged] = useState<ReadonlySet<number>>(() => new Set(initialFlag ? [initialStep] : []));
  const [status, setStatus] = useState<"idle" | "saving" | "saved" | "error">("idle");
  const [help, setHelp] = useState<string | null>(initialHelp);
  // False on the server and in the first render, so the no-JavaScript page never re-posts the draft.
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  const pending = useRef<Record<string, string>>({});
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const failures = useRef(0);
  const pointerAnswer = useRef(false);
  const gapsRef = useRef<HTMLDivElement>(null);
  const actionsRef = useRef<HTMLDivElement>(null);
  const shownStep = useRef(step);

  const gaps = unansweredIn(items, answers);
  const showGaps = flagged.has(step) && gaps.length > 0;
  const primary = returnToReview
    ? { intent: "review", label: "Save and go to sending" }
    : { intent: isLast ? "submit" : "next", label: isLast ? "Send my answers" : "Save and continue" };

  async function flush() {
    clearTimeout(timer.current);
    const batch = pending.current;
    pending.current = {};
    if (Object.keys(batch).length === 0) return;
    setStatus("saving");
    let ok = false;
    try {
      const saved = await autosave(sealedRef, batch);
      ok = saved.ok;
      // A critical answer was saved: the help shows at once, above the part (it never goes away here).
      if (saved.help) setHelp(saved.help);
    } catch {
      ok = false;
    }
    if (ok) {
      failures.current = 0;
      setStatus(Object.keys(pending.current).length > 0 ? "saving" : "saved");
      return;
    }
    // Keep what failed (behind anything chosen since) and try again; sending posts every answer anyway.
    pending.current = { ...batch, ...pending.current };
    setStatus("error");
    if (++failures.current <= MAX_AUTOMATIC_RETRIES) timer.current = setTimeout(() => void flush(), RETRY_DELAY_MS);
  }

  useEffect(() => {
    // Leaving the tab (or the phone locking) saves at once rather than after the delay.
    const onHide = () => {
      if (document.visibilityState === "hidden") void flush();
    };
    document.addEventListener("visibilitychange", onHide);
    return () => {
      document.removeEventListener("visibilitychange", onHide);
      clearTimeout(timer.current);
    };
    // flush reads refs only; binding it once is enough.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    // A part switched in the browser starts at its top, like a new page (focus: FocusOnMount below).
    if (shownStep.current === step) return;
    shownStep.current = step;
    document.title = `Part ${step} of ${steps.length} · Questionnaire`;
    window.scrollTo({ top: 0 });
  }, [step, steps.length]);

  function goTo(next: number) {
    void flush();
    // Next.js keeps its router in step with history.pushState; useSearchParams re-renders this part.
    window.history.pushState(null, "", `?step=${next}`);
  }

  /** After a tap or click (not arrow keys, which move within the group), bring the next statement into view. */
  function revealAfter(itemId: string) {
    const index = items.findIndex((item) => item.id === itemId);
    const next = items[index + 1];
    const target = next ? document.getElementById(`q-${next.id}`) : actionsRef.current;
    if (!target) return;
    const box = target.getBoundingClientRect();
    if (box.top >= 0 && box.bottom <= window.innerHeight) return;
    const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    target.scrollIntoView({ block: "center", behavior: reduce ? "auto" : "smooth" });
  }

  function onChange(event: React.FormEvent<HTMLFormElement>) {
    const input = event.target as HTMLInputElement;
    if (input.type !== "radio" || !input.checked) return;
    setAnswers((current) => ({ ...current, [input.name]: Number(input.value) }));
    pending.current[input.name] = input.value;
    failures.current = 0;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
    if (pointerAnswer.current) {
      pointerAnswer.current = false;
      revealAfter(input.name);
    }
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const intent = submitter instanceof HTMLButtonElement ? submitter.value : primary.intent;
    if ((intent === "next" || intent === "submit") && gaps.length > 0 && !flagged.has(step)) {
      event.preventDefault();
      flushSync(() => setFlagged((current) => new Set(current).add(step)));
      gapsRef.current?.focus();
      void flush();
      return;
    }
    if (intent === "next" && step < steps.length) {
      event.preventDefault();
      goTo(step + 1);
      return;
    }
    if (intent === "back" && step > 1) {
      event.preventDefault();
      goTo(step - 1);
      return;
    }
    // To the server: the post carries every answer, so a pending autosave is not needed.
    clearTimeout(timer.current);
    pending.current = {};
  }

  const elsewhere = hydrated ? Object.entries(answers).filter(([id]) => !items.some((item) => item.id === id)) : [];

  return (
    <>
      {/* A live region from the first render, so help that arrives with an autosave is announced. */}
      <div aria-live="polite">{help ? <CrisisMessage text={help} note={helpNote} className="mb-6" /> : null}</div>
      <FocusOnMount key={step} targetId="part-title" />
      <h1 id="part-title" tabIndex={-1} className="text-2xl font-semibold tracking-tight text-slate-900 focus:outline-none">
        Part {step} of {steps.length}
      </h1>
      <form
        action={action}
        onChange={onChange}
        onSubmit={onSubmit}
        onPointerDown={() => (pointerAnswer.current = true)}
        onKeyDown={() => (pointerAnswer.current = false)}
      >
        <StepProgress answered={countAnswered(steps, answers)} items={totalItems} />
        {several ? (
          <div className="mt-5 border-l-4 border-brand-600 pl-4">
            <p className="text-sm text-slate-600">
              Questionnaire {part.instrument + 1} of {instruments.length}
            </p>
            <h2 className="text-lg font-semibold text-slate-900">
              <InstrumentTitle title={instrument.title} />
            </h2>
            {firstOfInstrument && instrument.instructions.length > 0 ? (
              <div className="mt-2 space-y-2 text-base leading-relaxed text-slate-700">
                {instrument.instructions.map((paragraph) => (
                  <p key={paragraph}>{paragraph}</p>
                ))}
              </div>
            ) : null}
          </div>
        ) : null}
        <p className={`mt-5 text-base text-slate-700 ${several ? "font-medium" : ""}`}>{instrument.stem}</p>
        {step === initialStep ? notice : null}
        <input type="hidden" name="ref" value={sealedRef} />
        <input type="hidden" name="step" value={step} />
        {/* Which statements this part shows, so the server can flag the unanswered ones without JavaScript. */}
        <input type="hidden" name="items" value={items.filter((item) => item.required).map((item) => item.id).join(" ")} />
        {flagged.has(step) ? <input type="hidden" name="gaps" value="shown" /> : null}
        {elsewhere.map(([id, value]) => (
          <input key={id} type="hidden" name={id} value={value} />
        ))}
        {showGaps && !returnToReview ? (
          <div
            ref={gapsRef}
            id="part-gaps"
            tabIndex={-1}
            className="mt-4 scroll-mt-4 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-amber-950 focus:outline-2 focus:outline-amber-500"
          >
            <p className="font-medium">
              {gaps.length === 1
                ? `${Noun} ${gaps[0]!.number} has no answer yet.`
                : `${Nouns} ${listNumbers(gaps.map((item) => item.number ?? 0))} have no answer yet.`}
            </p>
            <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm">
              {gaps.map((item) => (
                <li key={item.id}>
                  <a href={`#q-${item.id}`} className="underline underline-offset-2 hover:text-amber-800">
                    {item.number}. {item.text}
                  </a>
                </li>
              ))}
            </ul>
            <p className="mt-2 text-sm">
              Choose an answer below, or press “{primary.label}” again to leave {gaps.length === 1 ? "it" : "them"} for now. Every
              {instrument.noun} needs an answer before sending; you can come back to {gaps.length === 1 ? "it" : "them"}.
            </p>
          </div>
        ) : null}
        <div key={step} className="mt-5 space-y-3 sm:space-y-4">
          {items.map((item) => (
            <QuestionFieldset
              key={item.id}
              item={item}
              number={item.number}
              scale={item.scale}
              answer={answers[item.id]}
              flagMissing={flagged.has(step)}
              noun={instrument.noun}
              showChoice={hydrated}
            />
          ))}
        </div>
        {instrument.attribution ? <p className="mt-4 text-xs leading-relaxed text-slate-500">{instrument.attribution}</p> : null}
        {/* The primary button comes first: pressing Enter submits with the first submit button. */}
        <div ref={actionsRef} className="mt-6 flex flex-col gap-3 sm:flex-row sm:items-center">
          <StepButton intent={primary.intent} primary>
            {primary.label}
          </StepButton>
          <StepButton intent="back">Back</StepButton>
          <p className="text-sm text-slate-600 sm:ml-auto" aria-live="polite">
            {status === "saving"
              ? "Saving…"
              : status === "saved"
                ? "Answers saved"
                : status === "error"
                  ? "Not saved yet: we will try again, and nothing is lost while this page is open."
                  : ""}
          </p>
        </div>
      </form>
    </>
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
