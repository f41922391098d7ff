import "server-only";
import type { Actor } from "@/lib/core/actor-types";
import { isProfileInstrument } from "@/lib/instruments";
import {
  MEASURED_INSTRUMENTS,
  getInstallationReliability,
  getReliabilityReport,
  getStatisticsSharing,
  measuredInstrument,
  proposedFigures,
  type ReliabilityReport,
} from "./reliability";

export type MeasuresPage = {
  instruments: { title: string; report: ReliabilityReport; labels: Record<string, string>; adoptable: string | null }[];
  sharing: { contributes: boolean; changedAt: string | null };
  installation: { title: string; report: ReliabilityReport }[];
};

/** Everything Settings › Measures shows: each instrument's figures, whether they can be adopted, and the installation's. */
export async function getMeasuresPage(actor: Actor): Promise<MeasuresPage> {
  const instruments = [];
  const installation = [];
  for (const key of MEASURED_INSTRUMENTS) {
    const instrument = measuredInstrument(key);
    const report = await getReliabilityReport(actor, key);
    const labels = isProfileInstrument(instrument)
      ? Object.fromEntries(instrument.dimensions.map((d) => [d.key, d.label]))
      : { total: `${instrument.shortTitle} total` };
    const missing = Object.entries(proposedFigures(report)).filter(([, p]) => "reason" in p);
    const adoptable = missing.length === 0 ? null : `The estimates can be adopted once every ${isProfileInstrument(instrument) ? "dimension" : "scale"} has them (at least 100 people).`;
    instruments.push({ title: instrument.title, report, labels, adoptable });
    installation.push({ title: instrument.title, report: await getInstallationReliability(actor, key) });
  }
  return { instruments, sharing: await getStatisticsSharing(actor), installation };
}
