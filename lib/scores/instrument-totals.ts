import "server-only";
import { dashboardDb } from "@/lib/core/read-db";
import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { assessments, clients } from "@/db/schema";
import type { Actor } from "@/lib/core/actor-types";
import { clientScope, getAccessibleClient } from "@/lib/core/client-access";
import { displayName } from "@/lib/core/display-name";
import { NotFoundError } from "@/lib/core/errors";
import {
  describeDirection,
  getInstrument,
  isClinical,
  isTotalInstrument,
  SENDABLE_INSTRUMENTS,
  totalBandOf,
  totalChange,
  type ChangeStatus,
  type Severity,
  type TotalInstrument,
} from "@/lib/instruments";
import { applyTotalFigures, figuresInUse, loadAdoptedFigures, type FigureSource, type FiguresInUse } from "@/lib/reliable-change/figures";
import { TOTAL_SCALE } from "@/lib/reliable-change/scales";
import { uuidSchema } from "@/lib/core/validation";

// Every total-scored instrument a client has answered (PHQ-9, GAD-7, CSI-4), read for the client
// page, the couple page and the printable report. Plain, serialisable data (ISO strings for dates):
// components format dates in the practice's time zone. The reading of a total (band, clinical range,
// reliable change) is the instrument's own (lib/instruments/total-scoring.ts), never restated here.

/** What a chart and its "How this is read" need to know about an instrument version. */
export type TotalInstrumentInfo = {
  key: string;
  version: number;
  title: string;
  shortTitle: string;
  min: number;
  max: number;
  direction: TotalInstrument["scoring"]["direction"];
  /** "Higher is better" or "Higher is worse", for every chart and card. */
  directionLabel: string;
  bands: { from: number; to: number; label: string; severity: Severity }[];
  cutOff: { value: number; label: string; source: string; provisional: boolean };
  /**
   * The reliable change every judgement of these points used: the instrument's published or
   * provisional figure, or the practice's adopted estimate (`origin`, `since`: lib/measures).
   */
  reliableChange: { value: number; source: string; provisional: boolean; origin: FigureSource; since: string | null };
  attribution: string | null;
};

export type TotalChange = { change: number; status: ChangeStatus };

export type TotalPoint = {
  assessmentId: string;
  /** ISO 8601. */
  completedAt: string;
  total: number;
  band: { label: string; severity: Severity };
  clinical: boolean;
  /** Against the first assessment of this instrument; null for the first itself. */
  sinceFirst: TotalChange | null;
  /** Against the assessment just before; null for the first. */
  sincePrevious: TotalChange | null;
};

export type InstrumentTotals = {
  instrument: TotalInstrumentInfo;
  /** Oldest first; never empty. */
  points: TotalPoint[];
};

export type ClientInstrumentTotals = {
  client: { id: string; name: string };
  /** In the order clinicians choose instruments in (SENDABLE_INSTRUMENTS), then by version. */
  instruments: InstrumentTotals[];
};

/** One instrument version for a couple: each visible partner's points, in the order the partners were given. */
export type CoupleInstrumentTotals = {
  instrument: TotalInstrumentInfo;
  partners: { client: { id: string; name: string }; points: TotalPoint[] }[];
};

export function totalInstrumentInfo(own: TotalInstrument, figures: FiguresInUse = figuresInUse(own, [])): TotalInstrumentInfo {
  const def = applyTotalFigures(own, figures);
  const used = figures.byScale[TOTAL_SCALE]!;
  const { scoring } = def;
  return {
    key: def.key,
    version: def.version,
    title: def.title,
    shortTitle: def.shortTitle,
    min: scoring.min,
    max: scoring.max,
    direction: scoring.direction,
    directionLabel: describeDirection(def),
    bands: scoring.bands.map(({ from, to, label, severity }) => ({ from, to, label, severity })),
    cutOff: { value: scoring.cutOff.value, label: scoring.cutOff.label, source: scoring.cutOff.source, provisional: scoring.cutOff.provisional },
    reliableChange: {
      value: scoring.reliableChange.value,
      source: scoring.reliableChange.source,
      provisional: scoring.reliableChange.provisional,
      origin: used.source,
      since: used.since,
    },
    attribution: def.attribution,
  };
}

/**
 * Each total of one instrument version read against it, oldest first (the input is oldest first):
 * band, clinical range, and change against the first and the previous total. Pure.
 */
export function readTotals(def: TotalInstrument, totals: readonly { assessmentId: string; completedAt: string; total: number }[]): TotalPoint[] {
  const first = totals[0];
  return totals.map((row, index) => {
    const band = totalBandOf(def, row.total);
    const previous = index > 0 ? totals[index - 1]! : null;
    return {
      assessmentId: row.assessmentId,
      completedAt: row.completedAt,
      total: row.total,
      band: { label: band.label, severity: band.severity },
      clinical: isClinical(def, row.total),
      sinceFirst: index > 0 && first ? totalChange(def, first.total, row.total) : null,
      sincePrevious: previous ? totalChange(def, previous.total, row.total) : null,
    };
  });
}

const ORDER = new Map(SENDABLE_INSTRUMENTS.map((def, index) => [def.key, index]));
const instrumentOrder = (a: TotalInstrument, b: TotalInstrument) =>
  (ORDER.get(a.key) ?? ORDER.size) - (ORDER.get(b.key) ?? ORDER.size) || a.key.localeCompare(b.key) || a.version - b.version;

/**
 * Every total-scored assessment of the given clients (already checked to be the actor's), grouped
 * per client and instrument version: one query for the whole set. A total from a version we no
 * longer know is left out (it cannot be read against bands we do not have).
 */
export async function loadInstrumentTotals(executor: Executor, practiceId: string, clientIds: readonly string[]): Promise<Map<string, InstrumentTotals[]>> {
  const byClient = new Map<string, InstrumentTotals[]>(clientIds.map((id) => [id, []]));
  if (clientIds.length === 0) return byClient;
  const adopted = await loadAdoptedFigures(executor, practiceId);
  const rows = await executor
    .select({
      id: assessments.id,
      clientId: assessments.clientId,
      key: assessments.instrumentKey,
      version: assessments.instrumentVersion,
      total: assessments.total,
      completedAt: assessments.completedAt,
    })
    .from(assessments)
    .where(and(eq(assessments.practiceId, practiceId), inArray(assessments.clientId, [...clientIds]), isNotNull(assessments.total)))
    .orderBy(asc(assessments.completedAt), asc(assessments.id));

  const grouped = new Map<string, Map<TotalInstrument, { assessmentId: string; completedAt: string; total: number }[]>>();
  for (const row of rows) {
    const def = getInstrument(row.key, row.version);
    if (!def || !isTotalInstrument(def)) continue;
    const perClient = grouped.get(row.clientId) ?? new Map();
    grouped.set(row.clientId, perClient);
    const list = perClient.get(def) ?? [];
    perClient.set(def, list);
    list.push({ assessmentId: row.id, completedAt: row.completedAt.toISOString(), total: Number(row.total) });
  }
  for (const [clientId, perClient] of grouped) {
    byClient.set(
      clientId,
      [...perClient.entries()].sort(([a], [b]) => instrumentOrder(a, b)).map(([def, totals]) => {
        const figures = figuresInUse(def, adopted);
        return { instrument: totalInstrumentInfo(def, figures), points: readTotals(applyTotalFigures(def, figures), totals) };
      }),
    );
  }
  return byClient;
}

/**
 * A client's totals per instrument for their page and report. NotFoundError for a client the
 * actor may not see.
 */
export async function getClientInstrumentTotals(actor: Actor, clientId: string): Promise<ClientInstrumentTotals> {
  const db = await dashboardDb();
  const client = await getAccessibleClient(db, actor, clientId);
  const byClient = await loadInstrumentTotals(db, actor.practiceId, [client.id]);
  return { client: { id: client.id, name: displayName(client) }, instruments: byClient.get(client.id) ?? [] };
}

/**
 * The totals of several clients (a couple's visible partners), checked in one query: NotFoundError
 * unless the actor may see every one of them. In the order given.
 */
export async function getInstrumentTotalsOf(actor: Actor, clientIds: readonly string[]): Promise<ClientInstrumentTotals[]> {
  if (clientIds.some((id) => !uuidSchema.safeParse(id).success)) throw new NotFoundError("Client");
  const ids = [...new Set(clientIds)];
  if (ids.length === 0) return [];
  const db = await dashboardDb();
  const rows = await db
    .select()
    .from(clients)
    .where(and(inArray(clients.id, ids), clientScope(actor)));
  if (rows.length !== ids.length) throw new NotFoundError("Client");
  const byId = new Map(rows.map((row) => [row.id, row]));
  const byClient = await loadInstrumentTotals(db, actor.practiceId, ids);
  return ids.map((id) => ({ client: { id, name: displayName(byId.get(id)!) }, instruments: byClient.get(id) ?? [] }));
}

/**
 * Partners side by side: one entry per instrument version either has answered, each partner's
 * points in it (empty when that partner has none). Pure, over getInstrumentTotalsOf's answer.
 */
export function sideBySide(partners: readonly ClientInstrumentTotals[]): CoupleInstrumentTotals[] {
  const infos = new Map<string, TotalInstrumentInfo>();
  for (const partner of partners) for (const { instrument } of partner.instruments) infos.set(`${instrument.key}-${instrument.version}`, instrument);
  const defs = [...infos.values()]
    .map((info) => getInstrument(info.key, info.version))
    .filter((def): def is TotalInstrument => Boolean(def && isTotalInstrument(def)))
    .sort(instrumentOrder);
  return defs.map((def) => {
    const id = `${def.key}-${def.version}`;
    return {
      instrument: infos.get(id)!,
      partners: partners.map((partner) => ({
        client: partner.client,
        points: partner.instruments.find((entry) => `${entry.instrument.key}-${entry.instrument.version}` === id)?.points ?? [],
      })),
    };
  });
}
