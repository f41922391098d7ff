"use client";

import Link from "next/link";
import { Fragment, useMemo, useState } from "react";
import { rowPaginationFeature, rowSortingFeature, tableFeatures, useTable, type ColumnDef } from "@tanstack/react-table";
import { PairedValues } from "@/components/scores/paired-values";
import { LargeGapFlag } from "@/components/scores/score-badges";
import { Badge } from "@/components/ui/badge";
import { Cell, ColumnHeader, Table, TableBody, TableCaption, TableFrame, TableHead, TableRow } from "@/components/ui/table";
import { caseloadHref, type CaseloadQuery, type CaseloadSort } from "@/lib/clients/schemas";
import { partnerLabels } from "@/lib/core/display-name";
import { formatDate } from "@/lib/core/format";
import { formatScore } from "@/lib/instruments/scoring";

/** One person as a caseload row shows them (dates as ISO strings: this crosses to the browser). */
type CaseloadPerson = {
  id: string;
  name: string;
  email: string;
  status: "active" | "archived";
  clinicianName: string;
  lastAssessmentAt: string | null;
  latestOverall: number | null;
  pendingInvitations: number;
  planStatus: "active" | "paused" | null;
};

/** A person on their own, or a couple: then `partner` is the second partner, in the same row. */
type CaseloadTableRow = CaseloadPerson & {
  coupleId: string | null;
  partnerId: string | null;
  partnerName: string | null;
  partner: CaseloadPerson | null;
  /** The couple's largest current gap, unrounded; `label` names the dimension. */
  gap: { points: number; label: string; flagged: boolean } | null;
};

const features = tableFeatures({ rowSortingFeature, rowPaginationFeature });

type Column = ColumnDef<typeof features, CaseloadTableRow>;

const dash = <span className="text-slate-400">—</span>;

function StatusBadge({ status, plan }: { status: "active" | "archived"; plan?: "active" | "paused" | null }) {
  const badge = status === "active" ? <Badge tone="green">Active</Badge> : <Badge tone="slate">Archived</Badge>;
  if (!plan) return badge;
  return (
    <span className="inline-flex flex-wrap gap-1">
      {badge}
      <Badge tone={plan === "active" ? "blue" : "amber"}>{plan === "active" ? "Plan" : "Plan paused"}</Badge>
    </span>
  );
}

function coupleName(row: CaseloadTableRow): string {
  const lastA = row.name.split(" ").at(-1);
  const lastB = row.partner!.name.split(" ").at(-1);
  return lastA === lastB ? `${row.name.split(" ").slice(0, -1).join(" ")} & ${row.partner!.name}` : `${row.name} & ${row.partner!.name}`;
}

/** Whichever of the two answered last, as the couple row's date. */
function latestOf(a: string | null, b: string | null): string | null {
  if (!a || !b) return a ?? b;
  return a > b ? a : b;
}

export function GapCell({ gap }: { gap: CaseloadTableRow["gap"] }) {
  if (!gap) return dash;
  return (
    <div className="flex flex-col items-start gap-1">
      <span className="whitespace-nowrap tabular-nums">
        <span className={gap.flagged ? "font-semibold text-slate-900" : "text-slate-700"}>{formatScore(gap.points)}</span>
        <span className="text-xs text-slate-500"> {gap.label}</span>
      </span>
      {gap.flagged ? <LargeGapFlag /> : null}
    </div>
  );
}

/**
 * The caseload's columns (the shadcn "tasks" habit: one list of column definitions, apart from the
 * table that draws them). `expanded`/`setExpanded`: which couple rows show their partners.
 */
function caseloadColumns({
  showClinician,
  timeZone,
  expanded,
  setExpanded,
}: {
  showClinician: boolean;
  timeZone: string;
  expanded: Record<string, boolean>;
  setExpanded: React.Dispatch<React.SetStateAction<Record<string, boolean>>>;
}): Column[] {
    const all: (Column | false)[] = [
      {
        id: "name",
        accessorKey: "name",
        header: "Name",
        cell: ({ row }) =>
          row.original.partner ? (
            <div>
              <Link href={`/couples/${row.original.coupleId}`} className="font-medium text-brand-700 hover:underline">
                {coupleName(row.original)}
              </Link>
              <div className="mt-1 flex items-center gap-2">
                <Badge tone="blue">Couple</Badge>
                <button
                  type="button"
                  aria-expanded={Boolean(expanded[row.original.id])}
                  aria-controls={`partners-${row.original.id}`}
                  onClick={() => setExpanded((state) => ({ ...state, [row.original.id]: !state[row.original.id] }))}
                  className="whitespace-nowrap text-xs font-medium text-brand-700 hover:underline"
                >
                  {expanded[row.original.id] ? "Hide partners" : "Show partners"}
                  <span className="sr-only"> of {coupleName(row.original)}</span>
                </button>
              </div>
            </div>
          ) : (
            <div>
              <Link href={`/clients/${row.original.id}`} className="font-medium text-brand-700 hover:underline">
                {row.original.name}
              </Link>
              <div className="break-all text-xs text-slate-500">{row.original.email}</div>
            </div>
          ),
      },
      {
        id: "partner",
        accessorKey: "partnerName",
        header: "Partner",
        cell: ({ row }) => {
          const r = row.original;
          // A couple row: the second partner, to the first (named first in the name column).
          if (r.partner) {
            return (
              <Link href={`/clients/${r.partner.id}`} className="text-brand-700 hover:underline">
                {r.partner.name}
              </Link>
            );
          }
          return r.partnerName && r.coupleId ? (
            <Link href={`/couples/${r.coupleId}`} className="text-brand-700 hover:underline">
              {r.partnerName}
            </Link>
          ) : (
            dash
          );
        },
      },
      showClinician && {
        id: "clinician",
        accessorKey: "clinicianName",
        header: "Clinician",
        cell: ({ row }) => {
          const r = row.original;
          return (
            <span className="whitespace-nowrap">
              {r.partner && r.partner.clinicianName !== r.clinicianName ? `${r.clinicianName} / ${r.partner.clinicianName}` : r.clinicianName}
            </span>
          );
        },
      },
      ...measureColumns(timeZone),
    ];
    return all.filter((column): column is Column => Boolean(column));
}

/** The caseload's columns of state and measures: status, last assessment, overall, gap, open links. */
function measureColumns(timeZone: string): Column[] {
    return [
      {
        id: "status",
        accessorKey: "status",
        header: "Status",
        cell: ({ row }) => <StatusBadge status={row.original.status} plan={row.original.planStatus} />,
      },
      {
        id: "lastAssessment",
        accessorKey: "lastAssessmentAt",
        header: "Last assessment",
        cell: ({ row }) => {
          const r = row.original;
          const at = r.partner ? latestOf(r.lastAssessmentAt, r.partner.lastAssessmentAt) : r.lastAssessmentAt;
          return at ? formatDate(at, timeZone) : dash;
        },
      },
      {
        id: "latestOverall",
        accessorKey: "latestOverall",
        header: "Latest overall",
        cell: ({ row }) => {
          const r = row.original;
          const score = (value: number | null) => (value === null ? "—" : formatScore(value));
          if (!r.partner) return r.latestOverall === null ? dash : <span className="tabular-nums">{formatScore(r.latestOverall)}</span>;
          const [nameA, nameB] = partnerLabels(r.name, r.partner.name);
          return <PairedValues stacked values={[{ name: nameA, value: score(r.latestOverall) }, { name: nameB, value: score(r.partner.latestOverall) }]} />;
        },
      },
      {
        id: "gap",
        accessorKey: "gap",
        header: "Partner gap",
        cell: ({ row }) => <GapCell gap={row.original.gap} />,
      },
      {
        id: "pending",
        accessorKey: "pendingInvitations",
        header: "Open links",
        cell: ({ row }) => {
          const count = row.original.pendingInvitations + (row.original.partner?.pendingInvitations ?? 0);
          return count ? <span className="tabular-nums">{count}</span> : dash;
        },
      },
    ];
}

export function CaseloadTable({
  rows,
  query,
  total,
  showClinician,
  timeZone,
}: {
  rows: CaseloadTableRow[];
  query: CaseloadQuery;
  total: number;
  showClinician: boolean;
  timeZone: string;
}) {
  const [expanded, setExpanded] = useState<Record<string, boolean>>({});
  const columns = useMemo(() => caseloadColumns({ showClinician, timeZone, expanded, setExpanded }), [showClinician, timeZone, expanded]);

  // The server sorted and paginated already; the table mirrors the URL's state.
  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (row) => row.id,
    manualSorting: true,
    manualPagination: true,
    rowCount: total,
    state: {
      sorting: [{ id: query.sort, desc: query.dir === "desc" }],
      pagination: { pageIndex: query.page - 1, pageSize: query.size },
    },
  });

  return (
    <>
      <CaseloadCards rows={rows} showClinician={showClinician} timeZone={timeZone} />
      {/* Unnamed, so not a focusable region of its own: its sort links and client links take focus. */}
      <TableFrame surface="card" className="hidden sm:block">
        <Table className="divide-y divide-slate-200">
          <TableCaption>
            Clients and couples, sorted by {query.sort} {query.dir === "asc" ? "ascending" : "descending"}
          </TableCaption>
          {/* Plain band: each heading styles itself around its sort link. */}
          <TableHead className="">
            {table.getHeaderGroups().map((headerGroup) => (
              <TableRow key={headerGroup.id}>
                {headerGroup.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const id = header.column.id as CaseloadSort;
                  const nextDir = sorted === "asc" ? "desc" : "asc";
                  return (
                    <ColumnHeader
                      key={header.id}
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}
                      className="whitespace-nowrap px-3 py-3 text-left font-medium text-slate-700"
                    >
                      <Link
                        href={caseloadHref(query, { sort: id, dir: sorted ? nextDir : "asc", page: 1 })}
                        className="inline-flex items-center gap-1 hover:text-slate-900"
                      >
                        <table.FlexRender header={header} />
                        <span aria-hidden className="text-xs text-slate-400">
                          {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
                        </span>
                      </Link>
                    </ColumnHeader>
                  );
                })}
              </TableRow>
            ))}
          </TableHead>
          <TableBody>
            {table.getRowModel().rows.map((row) => (
              <Fragment key={row.id}>
                <TableRow className="hover:bg-slate-50">
                  {row.getAllCells().map((cell) => (
                    <Cell key={cell.id} className="px-3 py-3 align-top">
                      <table.FlexRender cell={cell} />
                    </Cell>
                  ))}
                </TableRow>
                {row.original.partner && expanded[row.id]
                  ? [row.original, row.original.partner].map((person, index) => (
                      <PartnerRow
                        key={person.id}
                        person={person}
                        other={index === 0 ? row.original.partner! : row.original}
                        coupleId={row.original.coupleId!}
                        showClinician={showClinician}
                        timeZone={timeZone}
                        groupId={index === 0 ? `partners-${row.id}` : undefined}
                      />
                    ))
                  : null}
              </Fragment>
            ))}
          </TableBody>
        </Table>
      </TableFrame>
    </>
  );
}

/** One partner of an expanded couple row: their own values, their own record. */
function PartnerRow({
  person,
  other,
  coupleId,
  showClinician,
  timeZone,
  groupId,
}: {
  person: CaseloadPerson;
  other: CaseloadPerson;
  coupleId: string;
  showClinician: boolean;
  timeZone: string;
  groupId?: string;
}) {
  return (
    <TableRow id={groupId} className="bg-slate-50/70 text-slate-700">
      <Cell className="py-2 pl-7 pr-3 align-top">
        <Link href={`/clients/${person.id}`} className="font-medium text-brand-700 hover:underline">
          {person.name}
        </Link>
        <div className="break-all text-xs text-slate-500">{person.email}</div>
      </Cell>
      <Cell className="px-3 py-2 align-top">
        <Link href={`/couples/${coupleId}`} className="text-brand-700 hover:underline">
          {other.name}
        </Link>
      </Cell>
      {showClinician ? <Cell className="px-3 py-2 align-top">{person.clinicianName}</Cell> : null}
      <Cell className="px-3 py-2 align-top">
        <StatusBadge status={person.status} plan={person.planStatus} />
      </Cell>
      <Cell className="px-3 py-2 align-top">{person.lastAssessmentAt ? formatDate(person.lastAssessmentAt, timeZone) : dash}</Cell>
      <Cell className="px-3 py-2 align-top tabular-nums">{person.latestOverall === null ? dash : formatScore(person.latestOverall)}</Cell>
      <Cell className="px-3 py-2 align-top">{dash}</Cell>
      <Cell className="px-3 py-2 align-top tabular-nums">{person.pendingInvitations || dash}</Cell>
    </TableRow>
  );
}

/** Phones get the same rows as cards; a couple's partners fold out beneath it. Sorting and paging stay in the toolbar and pagination links. */
function CaseloadCards({ rows, showClinician, timeZone }: { rows: CaseloadTableRow[]; showClinician: boolean; timeZone: string }) {
  return (
    <ul className="space-y-2 sm:hidden" aria-label="Clients">
      {rows.map((row) => (
        <li key={row.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
          <div className="flex items-start justify-between gap-2">
            {row.partner ? (
              <div>
                <Link href={`/couples/${row.coupleId}`} className="font-medium text-brand-700 hover:underline">
                  {coupleName(row)}
                </Link>{" "}
                <Badge tone="blue">Couple</Badge>
              </div>
            ) : (
              <Link href={`/clients/${row.id}`} className="font-medium text-brand-700 hover:underline">
                {row.name}
              </Link>
            )}
            <StatusBadge status={row.status} plan={row.planStatus} />
          </div>
          {row.partner ? (
            <>
              {row.gap ? (
                <div className="mt-2 flex items-center gap-2 text-xs">
                  <span className="text-slate-500">Partner gap</span>
                  <GapCell gap={row.gap} />
                </div>
              ) : null}
              <ul className="mt-2 divide-y divide-slate-100 rounded-md border border-slate-100">
                {[row, row.partner].map((person) => (
                  <li key={person.id} className="px-2 py-1.5">
                    <Link href={`/clients/${person.id}`} className="font-medium text-brand-700 hover:underline">
                      {person.name}
                    </Link>
                    <PersonFacts person={person} showClinician={showClinician} timeZone={timeZone} />
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <>
              <dl className="mt-2 grid grid-cols-2 gap-x-3 gap-y-1 text-xs">
                <dt className="text-slate-500">Partner</dt>
                <dd>
                  {row.partnerName && row.coupleId ? (
                    <Link href={`/couples/${row.coupleId}`} className="text-brand-700 hover:underline">
                      {row.partnerName}
                    </Link>
                  ) : (
                    "—"
                  )}
                </dd>
              </dl>
              <PersonFacts person={row} showClinician={showClinician} timeZone={timeZone} />
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

function PersonFacts({ person, showClinician, timeZone }: { person: CaseloadPerson; showClinician: boolean; timeZone: string }) {
  return (
    <dl className="mt-1 grid grid-cols-2 gap-x-3 gap-y-1 text-xs">
      {showClinician ? (
        <>
          <dt className="text-slate-500">Clinician</dt>
          <dd>{person.clinicianName}</dd>
        </>
      ) : null}
      <dt className="text-slate-500">Last assessment</dt>
      <dd>{person.lastAssessmentAt ? formatDate(person.lastAssessmentAt, timeZone) : "—"}</dd>
      <dt className="text-slate-500">Latest overall</dt>
      <dd className="tabular-nums">{person.latestOverall === null ? "—" : formatScore(person.latestOverall)}</dd>
      <dt className="text-slate-500">Open links</dt>
      <dd className="tabular-nums">{person.pendingInvitations || "—"}</dd>
    </dl>
  );
}
