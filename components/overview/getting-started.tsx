import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import type { Overview } from "@/lib/overview/overview";

type Step = { title: string; done: boolean; body: React.ReactNode; action?: React.ReactNode };

/**
 * A new practice's overview: not an empty chart, but what to do first, with what is already done
 * ticked off. It gives way to the overview itself once the first assessment is completed.
 */
export function GettingStarted({ overview }: { overview: Overview }) {
  const { totals } = overview;
  const steps: Step[] = [
    {
      title: "Add your clients",
      done: totals.clients > 0,
      body: (
        <>
          Add a couple — both partners at once, linked so their scores can be read side by side — or a client you see on their own.
          {totals.clients > 0 ? ` ${totals.clients === 1 ? "1 client" : `${totals.clients} clients`} so far.` : null}
        </>
      ),
      action: (
        <div className="flex flex-wrap gap-2">
          <Link href="/couples/new" className={buttonClass(totals.clients > 0 ? "secondary" : "primary")}>
            Add a couple
          </Link>
          <Link href="/clients/new" className={buttonClass("secondary")}>
            Add a client
          </Link>
        </div>
      ),
    },
    {
      title: "Send the first assessment",
      done: totals.invitations > 0,
      body: (
        <>
          On a client&rsquo;s page, send the Closeness Inventory: 28 short statements that clients answer in any browser, without an
          account. Send it to both partners at once so their answers can be compared.
        </>
      ),
      action:
        totals.clients > 0 ? (
          <Link href="/clients" className={buttonClass(totals.invitations > 0 ? "secondary" : "primary")}>
            Choose a client
          </Link>
        ) : undefined,
    },
    {
      title: "Read the results",
      done: totals.assessments > 0,
      body: (
        <>
          Each answered assessment shows on the client&rsquo;s page at once. From then on this page shows who needs attention — reliable
          drops, and couples moving apart — and how the {overview.scope === "practice" ? "practice" : "caseload"} is doing over time.
        </>
      ),
    },
  ];
  const next = steps.findIndex((step) => !step.done);
  return (
    <section aria-labelledby="getting-started-heading" className="max-w-3xl rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <h2 id="getting-started-heading" className="text-lg font-semibold text-slate-900">
        Getting started
      </h2>
      <p className="mt-1 text-sm text-slate-600">Nothing to summarise yet. Three steps, and this page fills in.</p>
      <ol className="mt-5 space-y-5">
        {steps.map((step, i) => (
          <li key={step.title} className="flex gap-4" aria-current={i === next ? "step" : undefined}>
            <span
              aria-hidden="true"
              className={`flex h-8 w-8 shrink-0 items-center justify-center rounded-full text-sm font-semibold ${
                step.done ? "bg-emerald-100 text-emerald-800" : i === next ? "bg-brand-600 text-white" : "bg-slate-100 text-slate-600"
              }`}
            >
              {step.done ? "✓" : i + 1}
            </span>
            <div className="min-w-0 flex-1">
              <h3 className="text-sm font-semibold text-slate-900">
                {step.title}
                {i === next ? <span className="sr-only"> (next step)</span> : null}
                {step.done ? (
                  <>
                    {" "}
                    <span className="ml-1 text-xs font-medium text-emerald-700">Done</span>
                  </>
                ) : null}
              </h3>
              <p className="mt-1 max-w-prose text-sm text-slate-600">{step.body}</p>
              {step.action ? <div className="mt-3">{step.action}</div> : null}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
