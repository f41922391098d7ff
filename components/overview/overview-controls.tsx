import Link from "next/link";
import { OVERVIEW_GRANULARITIES, OVERVIEW_RANGES, overviewHref, type OverviewParams } from "@/lib/overview/params";
import { RANGE_LABELS } from "./labels";

const GRANULARITY_LABELS = { week: "Week", month: "Month" } as const;

/** Range and granularity as plain links: the view lives in the URL and works without JavaScript. */
export function OverviewControls({ params }: { params: OverviewParams }) {
  return (
    <div className="flex flex-wrap items-center gap-x-6 gap-y-3">
      <Segmented
        label="Range"
        options={OVERVIEW_RANGES.map((range) => ({
          key: range,
          label: RANGE_LABELS[range],
          href: overviewHref({ ...params, range }),
          current: params.range === range,
        }))}
      />
      <Segmented
        label="Group by"
        options={OVERVIEW_GRANULARITIES.map((granularity) => ({
          key: granularity,
          label: GRANULARITY_LABELS[granularity],
          href: overviewHref({ ...params, granularity }),
          current: params.granularity === granularity,
        }))}
      />
    </div>
  );
}

function Segmented({ label, options }: { label: string; options: { key: string; label: string; href: string; current: boolean }[] }) {
  const id = `overview-${label.toLowerCase().replaceAll(" ", "-")}`;
  return (
    <nav aria-labelledby={id} className="flex flex-wrap items-center gap-2">
      <span id={id} className="text-sm font-medium text-slate-700">
        {label}
      </span>
      <ul className="inline-flex flex-wrap rounded-md border border-slate-300 bg-white p-0.5">
        {options.map((option) => (
          <li key={option.key}>
            <Link
              href={option.href}
              aria-current={option.current ? "page" : undefined}
              className={`block whitespace-nowrap rounded px-2.5 py-1.5 text-sm sm:px-3 ${
                option.current ? "bg-brand-600 font-medium text-white" : "text-slate-700 hover:bg-slate-100"
              }`}
            >
              {option.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
