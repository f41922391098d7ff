"use client";

import { useTranslations } from "next-intl";
import { useSearchParams } from "next/navigation";
import { useRef, useState, useSyncExternalStore } from "react";
import { flushSync } from "react-dom";
import { FocusOnMount } from "./focus-on-mount";
import { CrisisMessage } from "./crisis-message";
import { QuestionFieldset } from "./question-fieldset";
import { InstrumentHeading, PartGaps, PartHiddenFields, SaveStatusLine, StepButton } from "./step-form-parts";
import { StepProgress } from "./step-progress";
import { countAnswered, decideSubmit, parseStep, primaryButton, requiredItems, unansweredIn, type SittingInstrument, type SittingPart } from "./steps";
import { useAutosave } from "./use-autosave";
import { useEarlyAnswers } from "./use-early-answers";
import { usePartStartsAtTop, useRevealNext } from "./use-part-view";

type Autosave = (sealedRef: string, answers: Record<string, string>) => Promise<{ ok: boolean; help?: string | null }>;
/** Why the first part shown flags its unanswered statements: sent from the review, or left with gaps. */
export type StepFlag = "review" | "left" | null;

const noSubscription = () => () => {};

type StepFormProps = {
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
};

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
export function StepForm({ action, autosave, sealedRef, steps, instruments, initialStep, draft, initialFlag, notice, help: initialHelp, helpNote }: StepFormProps) {
  const fromUrl = parseStep(useSearchParams().get("step") ?? undefined, steps.length);
  const step = typeof fromUrl === "number" ? fromUrl : initialStep;
  const part = steps[step - 1]!;
  const items = part.items;
  const instrument = instruments[part.instrument]!;
  // Reached from the review's list of missing answers: the primary button goes back there.
  const returnToReview = initialFlag === "review";

  const [answers, setAnswers] = useState<Record<string, number>>(draft);
  const [flagged, setFlagged] = useState<ReadonlySet<number>>(() => new Set(initialFlag ? [initialStep] : []));
  const [help, setHelp] = useState<string | null>(initialHelp);
  const { status, queue } = useAutosave(async (batch) => {
    const saved = await autosave(sealedRef, batch);
    // A critical answer was saved: the help shows at once, above the part (it never goes away here).
    if (saved.help) setHelp(saved.help);
    return saved;
  });
  // False on the server and in the first render, so the no-JavaScript page never re-posts the draft.
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  const formRef = useRef<HTMLFormElement>(null);
  const gapsRef = useRef<HTMLDivElement>(null);
  const actionsRef = useRef<HTMLDivElement>(null);
  const reveal = useRevealNext(items, actionsRef);

  const gaps = unansweredIn(items, answers);
  const t = useTranslations("questionnaire");
  const primaryIntent = primaryButton(returnToReview, step === steps.length);
  const primary = { intent: primaryIntent.intent, label: t(primaryIntent.intent === "review" ? "toReview" : primaryIntent.intent === "submit" ? "submit" : "next") };

  usePartStartsAtTop(step, steps.length);
  useEarlyAnswers(formRef, draft, setAnswers, queue);

  function onChange(event: React.FormEvent<HTMLFormElement>) {
    const input = event.target as HTMLInputElement;
    if (input.type !== "radio" || !input.checked) return;
    setAnswers((current) => ({ ...current, [input.name]: Number(input.value) }));
    queue.queue(input.name, input.value);
    reveal.afterAnswer(input.name);
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const intent = submitter instanceof HTMLButtonElement ? submitter.value : primary.intent;
    const decision = decideSubmit({ intent, step, total: steps.length, gaps: gaps.length, flagged: flagged.has(step) });
    if (decision.kind === "server") {
      // To the server: the post carries every answer, so a pending autosave is not needed.
      queue.discard();
      return;
    }
    event.preventDefault();
    void queue.flush();
    if (decision.kind === "flag") {
      flushSync(() => setFlagged((current) => new Set(current).add(step)));
      gapsRef.current?.focus();
      return;
    }
    // Next.js keeps its router in step with history.pushState; useSearchParams re-renders this part.
    window.history.pushState(null, "", `?step=${decision.step}`);
  }

  const elsewhere = hydrated ? Object.entries(answers).filter(([id]) => !items.some((item) => item.id === id)) : [];

  return (
    <>
      {/* A live region from the first render, so help that arrives with an autosave is announced. */}
      <div aria-live="polite">{help ? <CrisisMessage text={help} note={helpNote} className="mb-6" /> : null}</div>
      <FocusOnMount key={step} targetId="part-title" />
      <h1 id="part-title" tabIndex={-1} className="text-2xl font-semibold tracking-tight text-slate-900 focus:outline-none">
        {t("partTitle", { step, total: steps.length })}
      </h1>
      <form
        ref={formRef}
        action={action}
        onChange={onChange}
        onSubmit={onSubmit}
        onPointerDown={reveal.onPointerDown}
        onKeyDown={reveal.onKeyDown}
      >
        <StepProgress answered={countAnswered(steps, answers)} items={requiredItems(steps).length} />
        {instruments.length > 1 ? (
          <InstrumentHeading
            instrument={instrument}
            index={part.instrument}
            count={instruments.length}
            first={steps.findIndex((candidate) => candidate.instrument === part.instrument) === step - 1}
          />
        ) : null}
        <p className={`mt-5 text-base text-slate-700 ${instruments.length > 1 ? "font-medium" : ""}`}>{instrument.stem}</p>
        {step === initialStep ? notice : null}
        <PartHiddenFields sealedRef={sealedRef} step={step} items={items} gapsShown={flagged.has(step)} elsewhere={elsewhere} />
        {flagged.has(step) && gaps.length > 0 && !returnToReview ? <PartGaps ref={gapsRef} gaps={gaps} noun={instrument.noun} buttonLabel={primary.label} /> : null}
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
          <StepButton intent="back">{t("back")}</StepButton>
          <SaveStatusLine status={status} />
        </div>
      </form>
    </>
  );
}
