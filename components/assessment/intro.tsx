import { buttonClass } from "@/components/ui/button";
import { InstrumentTitle } from "./instrument-title";
import { countInWords, minutesFor, type SittingInstrument } from "./steps";

/**
 * The first page: who asks, what it involves, and that answers are kept as the client goes. One
 * instrument shows its instructions here; several are named here and introduced on their own parts.
 */
export function QuestionnaireIntro({
  instruments,
  practiceName,
  clinicianName,
  totalSteps,
  totalItems,
  answered,
  resumeStep,
}: {
  instruments: SittingInstrument[];
  practiceName: string;
  clinicianName: string;
  totalSteps: number;
  /** Required items across the sitting. */
  totalItems: number;
  answered: number;
  resumeStep: number | null;
}) {
  const items = totalItems;
  const only = instruments.length === 1 ? instruments[0]! : null;
  const noun = only ? only.noun : "question";
  const minutes = minutesFor(items);
  const started = answered > 0;
  // A finished draft goes to the review page, where it is sent.
  const href = resumeStep === null ? "?step=review" : `?step=${resumeStep}`;
  return (
    <section aria-labelledby="intro-title" className="rounded-2xl border border-slate-200 bg-white px-5 py-7 shadow-sm sm:px-10 sm:py-10">
      <h1 id="intro-title" className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">
        {only ? "A short questionnaire" : "A few short questionnaires"}
      </h1>
      {only ? (
        <>
          <p className="mt-4 text-base leading-relaxed text-slate-700">
            {clinicianName} at {practiceName} has asked you to answer {items} short{" "}
            {only.noun === "statement" ? "statements about your relationship" : "questions"}. It takes about {minutes.from} to{" "}
            {minutes.to} minutes.
          </p>
          <div className="mt-4 space-y-3 text-base leading-relaxed text-slate-700">
            {(only.instructions.length > 0 ? only.instructions : [only.stem]).map((paragraph) => (
              <p key={paragraph}>{paragraph}</p>
            ))}
          </div>
        </>
      ) : (
        <>
          <p className="mt-4 text-base leading-relaxed text-slate-700">
            {clinicianName} at {practiceName} has asked you to answer {countInWords(instruments.length)} short questionnaires, one after
            the other: {items} questions in all. It takes about {minutes.from} to {minutes.to} minutes.
          </p>
          <ol aria-label="The questionnaires" className="mt-4 list-decimal space-y-1 pl-6 text-base text-slate-800">
            {instruments.map((instrument) => (
              <li key={instrument.key}>
                <InstrumentTitle title={instrument.title} />
              </li>
            ))}
          </ol>
          <p className="mt-4 text-base leading-relaxed text-slate-700">
            Each one starts with a few words on how to answer it. There are no right or wrong answers.
          </p>
        </>
      )}
      <ul className="mt-5 space-y-2 rounded-lg bg-slate-50 p-4 text-sm leading-relaxed text-slate-700">
        <li>
          There are {totalSteps} short parts. Your answers are saved as you go, so you can stop at any time and come back
          to this same link later, even on another device.
        </li>
        <li>Your answers go to {practiceName}, to help your sessions.</li>
      </ul>
      {started ? (
        <p className="mt-5 text-base text-slate-700">
          Welcome back. You have answered {answered} of {items} {noun}s so far.
        </p>
      ) : null}
      <a href={href} className={buttonClass("primary", "mt-6 min-h-12 w-full px-6 text-base sm:w-auto")}>
        {started ? "Continue" : "Start"}
      </a>
    </section>
  );
}
