import { Badge } from "@/components/ui/badge";
import type { Band, ChangeStatus } from "@/lib/instruments/types";
import { bandName } from "@/lib/instruments/vocabulary";
const BAND_TONE = { growth: "amber", developing: "blue", strength: "green" } as const;

/** The band of a score as a word, with colour only as a help. */
export function BandBadge({ band }: { band: Band }) {
  return <Badge tone={BAND_TONE[band]}>{bandName(band)}</Badge>;
}

const CHANGE_WORD: Record<ChangeStatus, string> = {
  improved: "Reliably improved",
  deteriorated: "Reliably deteriorated",
  no_change: "No reliable change",
};
const CHANGE_TONE = { improved: "green", deteriorated: "red", no_change: "neutral" } as const;

/** Reliable-change status: an arrow and the words, never colour alone. */
export function ChangeBadge({ status }: { status: ChangeStatus }) {
  return (
    <Badge tone={CHANGE_TONE[status]}>
      <ChangeIcon status={status} />
      <span className="ml-1">{CHANGE_WORD[status]}</span>
    </Badge>
  );
}

function ChangeIcon({ status }: { status: ChangeStatus }) {
  const d = status === "improved" ? "M6 2.5 10 8H2Z" : status === "deteriorated" ? "M6 9.5 10 4H2Z" : "M2 6h8";
  return (
    <svg aria-hidden width="12" height="12" viewBox="0 0 12 12" className="shrink-0">
      {status === "no_change" ? <path d={d} stroke="currentColor" strokeWidth="2" /> : <path d={d} fill="currentColor" />}
    </svg>
  );
}

/** A flagged partner gap: a warning sign and the words. */
export function LargeGapFlag({ className = "inline-flex" }: { className?: string }) {
  return (
    <span className={`${className} items-center gap-1 whitespace-nowrap rounded-full bg-red-50 px-2 py-0.5 text-xs font-semibold text-red-800 ring-1 ring-inset ring-red-200`}>
      <svg aria-hidden width="14" height="14" viewBox="0 0 16 16" className="shrink-0">
        <path d="M8 1.5 15 14H1Z" fill="currentColor" />
        <path d="M8 6v4" stroke="#fff" strokeWidth="1.6" strokeLinecap="round" />
        <circle cx="8" cy="12" r="0.9" fill="#fff" />
      </svg>
      Large gap
    </span>
  );
}
