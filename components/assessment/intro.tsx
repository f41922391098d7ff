import { buttonClass } from "@/components/ui/button";
import type { InstrumentDefinition } from "@/lib/instruments";

/** The first page: who asks, what it involves, and that answers are kept as the client goes. */
export function QuestionnaireIntro({
  instrument,
  practiceName,
  clinicianName,
  totalSteps,
  answered,
  resumeStep,
}: {
  instrument: InstrumentDefinition;
  practiceName: string;
  clinicianName: string;
  totalSteps: number;
  answered: number;
  resumeStep: number | null;
}) {
  const items = instrument.items.length;
  const started = answered > 0;
  // A finished draft goes to the review page, where it is sent.
  const href = resumeStep === null ? "?step=review" : `?step=${resumeStep}`;
  return (
    <section aria-labelledby="intro-title" className="rounded-2xl border border-slate-200 bg-white px-5 py-7 shadow-sm sm:px-10 sm:py-10">
      <h1 id="intro-title" className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">
        A short questionnaire
      </h1>
      <p className="mt-4 text-base leading-relaxed text-slate-700">
        {clinicianName} at {practiceName} has asked you to answer {items} short statements about your relationship. It
        takes about 5 to 10 minutes.
      </p>
      <div className="mt-4 space-y-3 text-base leading-relaxed text-slate-700">
        {instrument.instructions.split("\n\n").map((paragraph) => (
          <p key={paragraph}>{paragraph}</p>
        ))}
      </div>
      <ul className="mt-5 space-y-2 rounded-lg bg-slate-50 p-4 text-sm leading-relaxed text-slate-700">
        <li>
          There are {totalSteps} short parts. Your answers are saved as you go, so you can stop at any time and come back
          to this same link later, even on another device.
        </li>
        <li>Your answers go to {practiceName}, to help your sessions.</li>
      </ul>
      {started ? (
        <p className="mt-5 text-base text-slate-700">
          Welcome back. You have answered {answered} of {items} statements so far.
        </p>
      ) : null}
      <a href={href} className={buttonClass("primary", "mt-6 min-h-12 w-full px-6 text-base sm:w-auto")}>
        {started ? "Continue" : "Start"}
      </a>
    </section>
  );
}
