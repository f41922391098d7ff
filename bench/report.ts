// The bench's result file, its markdown table and its SVG chart (latency against practice size).

type Latency = { p50: number; p95: number; rps: number; requests: number; non2xx: number };
type Scripts = { page: string; status: number; gzipBytes: number; scripts: number };

export type SizeResult = {
  clients: number;
  assessments: number;
  seedSeconds: number;
  /** Per page, under bounded load on loopback (ms; requests per second). */
  http: Record<string, Latency>;
  submissions: {
    clients: number;
    posts: number;
    stored: number;
    completedInvitations: number;
    storedExactlyOnce: boolean;
    statuses: Record<string, number>;
    p50: number;
    p95: number;
    postsPerSecond: number;
    worksWithoutJavaScript: boolean;
  };
  serverPeakRssMb: number;
  javascript: { questionnaire: Scripts; simplest: Scripts };
  /** The statements each page runs, replayed through `pg` (p50 of their summed time, ms). */
  sql: { pages: Record<string, { statements: number; p50: number }>; handWrittenGroupBy6: number };
  /**
   * A change of the practice's time zone (issue 27): what the settings request runs (ms), and the
   * background rebuild of the overview's aggregates it asks for (ms). Absent in older results.
   */
  timeZoneChange?: { requestMs: number; rebuildMs: number };
};

export type BenchResult = {
  startedAt: string;
  /** The throwaway database the run made (and dropped, unless --keep-db). */
  database: string;
  quick: boolean;
  /** How the seeded scores are spread (bench/seed.ts); older results have none (few drops). */
  distribution?: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; postgres: string };
  load: { connections: number; duration?: number; amount?: number };
  sizes: SizeResult[];
};

export const PAGE_LABELS: Record<string, string> = {
  floor: "sign-in page (the framework's floor)",
  clients: "`/clients`",
  clientsByLatestScore: "`/clients?sort=latestOverall&dir=desc`",
  client: "`/clients/<id>` (40 assessments)",
  overview6: "`/overview` (6 months)",
  overview12: "`/overview?range=12`",
  scoresCsv: "scores CSV (40 assessments)",
  reliability: "`/api/instruments/closeness/reliability` (stored sums)",
};

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const ratio = (a: number, b: number) => (b > 0 ? a / b : Number.NaN);

export type Target = { name: string; value: number; limit: number; met: boolean };

/** The issue's targets, as ratios between the smallest and the largest practice of the run. */
export function targets(result: BenchResult): Target[] {
  const small = result.sizes[0];
  const large = result.sizes.at(-1);
  if (!small || !large) return [];
  const out: Target[] = [];
  const add = (name: string, value: number, limit: number) => out.push({ name, value, limit, met: value <= limit });
  for (const page of Object.keys(large.http).filter((p) => p !== "floor")) {
    add(`${page} p50 at ${large.clients} ÷ at ${small.clients}`, ratio(large.http[page]!.p50, small.http[page]!.p50), 1.5);
  }
  // The project's older target for the caseload; issue 27's for the overview, at every size.
  if (large.http.clients) add(`clients p50 at ${large.clients} ÷ floor`, ratio(large.http.clients.p50, large.http.floor!.p50), 3);
  for (const size of small === large ? [large] : [small, large]) {
    for (const page of ["overview6", "overview12"]) {
      if (size.http[page]) add(`${page} p50 at ${size.clients} ÷ floor`, ratio(size.http[page]!.p50, size.http.floor!.p50), 5);
    }
  }
  add(`overview (6 months) SQL ÷ hand-written GROUP BY, at ${large.clients}`, ratio(large.sql.pages.overview6!.p50, large.sql.handWrittenGroupBy6), 2);
  add(`server peak RSS at ${large.clients} ÷ at ${small.clients}`, ratio(large.serverPeakRssMb, small.serverPeakRssMb), 1.3);
  add(
    "/a/<token> first-load JS − simplest page's (KB gz)",
    (large.javascript.questionnaire.gzipBytes - large.javascript.simplest.gzipBytes) / 1024,
    10,
  );
  return out;
}

export function renderMarkdown(result: BenchResult): string {
  const sizes = result.sizes;
  const head = (first: string) => `| ${first} | ${sizes.map((s) => `${s.clients.toLocaleString("en")} clients`).join(" | ")} |\n|---|${sizes.map(() => "---|").join("")}\n`;
  let md = `## Bench ${result.startedAt}${result.quick ? " (quick)" : ""}${result.distribution === "many-drops" ? " — many drops" : ""}\n\n`;
  md += `Machine: ${result.machine.cpus} × ${result.machine.cpuModel}, ${result.machine.memoryGb} GB, Node ${result.machine.node}, PostgreSQL ${result.machine.postgres}. `;
  md += `Load: ${result.load.connections} connections, ${result.load.duration ? `${result.load.duration} s` : `${result.load.amount} requests`} per page after 3 warm-up requests, loopback, production build.\n\n`;
  md += `Assessments seeded: ${sizes.map((s) => s.assessments.toLocaleString("en")).join(" / ")}.\n\n`;
  md += `### Pages: p50 / p95 latency (ms), throughput (req/s)\n\n${head("page")}`;
  for (const page of Object.keys(sizes[0]?.http ?? {})) {
    md += `| ${PAGE_LABELS[page] ?? page} | ${sizes.map((s) => `${fmt(s.http[page]!.p50)} / ${fmt(s.http[page]!.p95)}, ${fmt(s.http[page]!.rps)}/s${s.http[page]!.non2xx ? ` (${s.http[page]!.non2xx} non-2xx)` : ""}`).join(" | ")} |\n`;
  }
  md += `| submissions (${sizes[0]?.submissions.clients} clients × 2 posts at once) | ${sizes
    .map((s) => `${fmt(s.submissions.p50)} / ${fmt(s.submissions.p95)}, stored ${s.submissions.stored}/${s.submissions.clients}${s.submissions.storedExactlyOnce ? " ✓" : " ✗"}`)
    .join(" | ")} |\n`;
  md += `\n### The database's share: the pages' SQL replayed through \`pg\` (p50 ms, statements)\n\n${head("page")}`;
  for (const page of Object.keys(sizes[0]?.sql.pages ?? {})) {
    md += `| ${PAGE_LABELS[page] ?? page} | ${sizes.map((s) => `${fmt(s.sql.pages[page]!.p50)} (${s.sql.pages[page]!.statements})`).join(" | ")} |\n`;
  }
  md += `| hand-written GROUP BY over the 6 months' scores | ${sizes.map((s) => fmt(s.sql.handWrittenGroupBy6)).join(" | ")} |\n`;
  md += `\n### Memory and JavaScript\n\n${head("")}`;
  md += `| server peak RSS (MB, process tree) | ${sizes.map((s) => s.serverPeakRssMb).join(" | ")} |\n`;
  md += `| first-load JS of \`/a/<token>\` (KB gz) | ${sizes.map((s) => (s.javascript.questionnaire.gzipBytes / 1024).toFixed(1)).join(" | ")} |\n`;
  md += `| first-load JS of the simplest page (${sizes[0]?.javascript.simplest.page}, KB gz) | ${sizes.map((s) => (s.javascript.simplest.gzipBytes / 1024).toFixed(1)).join(" | ")} |\n`;
  md += `| questionnaire submitted as a plain form post (no JavaScript) | ${sizes.map((s) => (s.submissions.worksWithoutJavaScript ? "yes" : "no")).join(" | ")} |\n`;
  if (sizes.every((s) => s.timeZoneChange)) {
    md += `\n### A change of time zone (ms)\n\n${head("")}`;
    md += `| the settings request (answers at once) | ${sizes.map((s) => fmt(s.timeZoneChange!.requestMs)).join(" | ")} |\n`;
    md += `| the background rebuild it asks for (job engine) | ${sizes.map((s) => fmt(s.timeZoneChange!.rebuildMs)).join(" | ")} |\n`;
  }
  const t = targets(result);
  if (t.length > 0) {
    md += `\n### Targets (ratios within this run)\n\n| target | value | limit | met |\n|---|---|---|---|\n`;
    for (const target of t) md += `| ${target.name} | ${target.value.toFixed(2)} | ≤ ${target.limit} | ${target.met ? "yes" : "**no**"} |\n`;
  }
  return md;
}

/** Lines of p50 latency against practice size (log scale on both axes). */
export function renderSvg(result: BenchResult): string {
  const width = 720;
  const height = 420;
  const margin = { left: 70, right: 230, top: 30, bottom: 50 };
  const sizes = result.sizes;
  const pages = Object.keys(sizes[0]?.http ?? {});
  const values = sizes.flatMap((s) => pages.map((p) => s.http[p]!.p50)).filter((v) => v > 0);
  const yMin = Math.pow(10, Math.floor(Math.log10(Math.max(0.1, Math.min(...values, 1)))));
  const yMax = Math.pow(10, Math.ceil(Math.log10(Math.max(...values, 10))));
  const xs = sizes.map((s) => s.clients);
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs);
  const x = (clients: number) =>
    xMax === xMin ? margin.left + (width - margin.left - margin.right) / 2 : margin.left + ((Math.log10(clients) - Math.log10(xMin)) / (Math.log10(xMax) - Math.log10(xMin))) * (width - margin.left - margin.right);
  const y = (ms: number) => margin.top + (1 - (Math.log10(Math.max(ms, yMin)) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))) * (height - margin.top - margin.bottom);
  const colours = ["#6b7280", "#2563eb", "#0891b2", "#16a34a", "#dc2626", "#ea580c", "#9333ea", "#a16207"];
  const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/`/g, "");
  let svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">\n`;
  svg += `<title>p50 latency against practice size</title>\n<rect width="100%" height="100%" fill="white"/>\n`;
  svg += `<text x="${margin.left}" y="18" font-size="14">p50 latency (ms, log) against clients in the practice (log)</text>\n`;
  for (let decade = yMin; decade <= yMax; decade *= 10) {
    svg += `<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(decade)}" y2="${y(decade)}" stroke="#e5e7eb"/>`;
    svg += `<text x="${margin.left - 8}" y="${y(decade) + 4}" text-anchor="end">${decade}</text>\n`;
  }
  for (const clients of xs) {
    svg += `<line x1="${x(clients)}" x2="${x(clients)}" y1="${margin.top}" y2="${height - margin.bottom}" stroke="#e5e7eb"/>`;
    svg += `<text x="${x(clients)}" y="${height - margin.bottom + 18}" text-anchor="middle">${clients.toLocaleString("en")}</text>\n`;
  }
  pages.forEach((page, index) => {
    const colour = colours[index % colours.length]!;
    const points = sizes.map((s) => `${x(s.clients).toFixed(1)},${y(s.http[page]!.p50).toFixed(1)}`);
    svg += `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points.join(" ")}"/>\n`;
    for (const point of points) svg += `<circle cx="${point.split(",")[0]}" cy="${point.split(",")[1]}" r="3" fill="${colour}"/>`;
    const ly = margin.top + 10 + index * 20;
    svg += `<line x1="${width - margin.right + 15}" x2="${width - margin.right + 35}" y1="${ly}" y2="${ly}" stroke="${colour}" stroke-width="2"/>`;
    svg += `<text x="${width - margin.right + 40}" y="${ly + 4}">${escape(PAGE_LABELS[page] ?? page)}</text>\n`;
  });
  svg += `</svg>\n`;
  return svg;
}
