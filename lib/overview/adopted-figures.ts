import "server-only";
import { cache } from "react";
import type { PracticeReliabilityFigure } from "@/db/schema";
import { dashboardDb } from "@/lib/core/read-db";
import { loadAdoptedFigures } from "@/lib/reliable-change/figures";

/**
 * A practice's adopted reliable-change figures, every instrument, read once per request (React
 * `cache`): the overview's reliable drops and its instrument panel judge by the same rows and share
 * one statement. Outside a request (tests, scripts) each call reads them.
 */
export const adoptedFiguresOfRequest = cache(
  async (practiceId: string): Promise<PracticeReliabilityFigure[]> => loadAdoptedFigures(await dashboardDb(), practiceId),
);
