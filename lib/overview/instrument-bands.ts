import "server-only";
import { dashboardDb } from "@/lib/core/read-db";
import { and, asc, count, eq } from "drizzle-orm";
import { clientInstrumentTotals, clients } from "@/db/schema";
import type { Actor } from "@/lib/core/actor-types";
import { clientScope } from "@/lib/core/client-access";
import { getInstrument, isClinical, isTotalInstrument, SENDABLE_INSTRUMENTS, totalBandOf, type TotalInstrument } from "@/lib/instruments";
import { figuresInUse } from "@/lib/reliable-change/figures";
import { adoptedFiguresOfRequest } from "./adopted-figures";
import { totalInstrumentInfo, type TotalInstrumentInfo } from "@/lib/scores/instrument-totals";

/** One instrument version across the scope: how many clients' latest total falls in each band. */
export type InstrumentBandCounts = {
  instrument: TotalInstrumentInfo;
  /** Active clients in the scope with a latest total of this instrument version. */
  clients: number;
  /** Of them, with a latest total in the clinical range. */
  clinical: number;
  /** Every band of the instrument, in order, with its count (0 included, so the bars line up). */
  bands: { from: number; to: number; label: string; severity: TotalInstrumentInfo["bands"][number]["severity"]; count: number }[];
};

const ORDER = new Map(SENDABLE_INSTRUMENTS.map((def, index) => [def.key, index]));

/**
 * The overview's instrument panel: per total-scored instrument, how many active clients of the
 * scope (the practice for the owner, their own caseload for a clinician: clientScope, as the rest
 * of the overview) have their latest total in each band and in the clinical range. Read from the
 * kept latest totals (`client_instrument_totals`, one row per client and instrument) in one GROUP BY
 * over (instrument, version, latest total): never the assessments' history. The bands are the
 * instrument's own, applied to the few distinct totals here rather than restated in SQL.
 */
export async function getInstrumentBandCounts(actor: Actor): Promise<InstrumentBandCounts[]> {
  const db = await dashboardDb();
  const [rows, adopted] = await Promise.all([
    db
      .select({
        key: clientInstrumentTotals.instrumentKey,
        version: clientInstrumentTotals.instrumentVersion,
        total: clientInstrumentTotals.latestTotal,
        clients: count(),
      })
      .from(clientInstrumentTotals)
      .innerJoin(clients, eq(clients.id, clientInstrumentTotals.clientId))
      .where(and(eq(clientInstrumentTotals.practiceId, actor.practiceId), clientScope(actor), eq(clients.status, "active")))
      .groupBy(clientInstrumentTotals.instrumentKey, clientInstrumentTotals.instrumentVersion, clientInstrumentTotals.latestTotal)
      .orderBy(asc(clientInstrumentTotals.instrumentKey), asc(clientInstrumentTotals.instrumentVersion)),
    adoptedFiguresOfRequest(actor.practiceId),
  ]);
  const byInstrument = new Map<TotalInstrument, InstrumentBandCounts>();
  for (const row of rows) {
    const def = getInstrument(row.key, row.version);
    if (!def || !isTotalInstrument(def)) continue;
    let entry = byInstrument.get(def);
    if (!entry) {
      entry = { instrument: totalInstrumentInfo(def, figuresInUse(def, adopted)), clients: 0, clinical: 0, bands: def.scoring.bands.map(({ from, to, label, severity }) => ({ from, to, label, severity, count: 0 })) };
      byInstrument.set(def, entry);
    }
    const total = Number(row.total);
    const band = totalBandOf(def, total);
    entry.clients += row.clients;
    if (isClinical(def, total)) entry.clinical += row.clients;
    entry.bands.find((b) => b.from === band.from)!.count += row.clients;
  }
  return [...byInstrument.entries()]
    .sort(([a], [b]) => (ORDER.get(a.key) ?? ORDER.size) - (ORDER.get(b.key) ?? ORDER.size) || a.key.localeCompare(b.key) || a.version - b.version)
    .map(([, entry]) => entry);
}
