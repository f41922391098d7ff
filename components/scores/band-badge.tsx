import type { Severity } from "@/lib/instruments/types";
import { SEVERITY_STYLES } from "./severity-palette";

/** A total's band: its published words on its severity colour. The words carry the meaning. */
export function BandBadge({ label, severity }: { label: string; severity: Severity }) {
  const style = SEVERITY_STYLES[severity];
  return (
    <span
      className="inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ring-black/10 print:ring-black/40"
      style={{ backgroundColor: style.fill, color: style.ink }}
      data-severity={severity}
    >
      {label}
    </span>
  );
}
