"use client";

import Link from "next/link";
import { useMemo } from "react";
import { rowPaginationFeature, rowSortingFeature, tableFeatures, useTable, type ColumnDef } from "@tanstack/react-table";
import { Badge } from "@/components/ui/badge";
import { Cell, ColumnHeader, Table, TableBody, TableCaption, TableFrame, TableHead, TableRow } from "@/components/ui/table";
import { caseloadHref, type CaseloadQuery, type CaseloadSort } from "@/lib/clients/schemas";
import { formatDate } from "@/lib/format";
import { formatScore } from "@/lib/instruments/scoring";

/** A caseload row as it crosses to the browser (dates as ISO strings). */
type CaseloadTableRow = {
  id: string;
  name: string;
  email: string;
  status: "active" | "archived";
  clinicianName: string;
  partnerId: string | null;
  partnerName: string | null;
  lastAssessmentAt: string | null;
  latestOverall: number | null;
  pendingInvitations: number;
};

const features = tableFeatures({ rowSortingFeature, rowPaginationFeature });

type Column = ColumnDef<typeof features, CaseloadTableRow>;

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
  const columns = useMemo<Column[]>(() => {
    const all: (Column | false)[] = [
      {
        id: "name",
        accessorKey: "name",
        header: "Name",
        cell: ({ row }) => (
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
        cell: ({ row }) => row.original.partnerName ?? <span className="text-slate-400">—</span>,
      },
      showClinician && { id: "clinician", accessorKey: "clinicianName", header: "Clinician" },
      {
        id: "status",
        accessorKey: "status",
        header: "Status",
        cell: ({ row }) => (row.original.status === "active" ? <Badge tone="green">Active</Badge> : <Badge tone="slate">Archived</Badge>),
      },
      {
        id: "lastAssessment",
        accessorKey: "lastAssessmentAt",
        header: "Last assessment",
        cell: ({ row }) => (row.original.lastAssessmentAt ? formatDate(row.original.lastAssessmentAt, timeZone) : <span className="text-slate-400">—</span>),
      },
      {
        id: "latestOverall",
        accessorKey: "latestOverall",
        header: "Latest overall",
        cell: ({ row }) =>
          row.original.latestOverall === null ? <span className="text-slate-400">—</span> : <span className="tabular-nums">{formatScore(row.original.latestOverall)}</span>,
      },
      {
        id: "pending",
        accessorKey: "pendingInvitations",
        header: "Pending invitations",
        cell: ({ row }) =>
          row.original.pendingInvitations ? <span className="tabular-nums">{row.original.pendingInvitations}</span> : <span className="text-slate-400">—</span>,
      },
    ];
    return all.filter((column): column is Column => Boolean(column));
  }, [showClinician, timeZone]);

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
            Clients, sorted by {query.sort} {query.dir === "asc" ? "ascending" : "descending"}
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
                      className="whitespace-nowrap px-4 py-3 text-left font-medium text-slate-700"
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
              <TableRow key={row.id} className="hover:bg-slate-50">
                {row.getAllCells().map((cell) => (
                  <Cell key={cell.id} className="px-4 py-3 align-top">
                    <table.FlexRender cell={cell} />
                  </Cell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableFrame>
    </>
  );
}

/** Phones get the same rows as cards; sorting and paging stay in the toolbar and pagination links. */
function CaseloadCards({ rows, showClinician, timeZone }: { rows: CaseloadTableRow[]; showClinician: boolean; timeZone: string }) {
  return (
    <ul className="space-y-2 sm:hidden" aria-label="Clients">
      {rows.map((row) => (
        <li key={row.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
          <div className="flex items-start justify-between gap-2">
            <Link href={`/clients/${row.id}`} className="font-medium text-brand-700 hover:underline">
              {row.name}
            </Link>
            {row.status === "active" ? <Badge tone="green">Active</Badge> : <Badge tone="slate">Archived</Badge>}
          </div>
          <dl className="mt-2 grid grid-cols-2 gap-x-3 gap-y-1 text-xs">
            <dt className="text-slate-500">Partner</dt>
            <dd>{row.partnerName ?? "—"}</dd>
            {showClinician ? (
              <>
                <dt className="text-slate-500">Clinician</dt>
                <dd>{row.clinicianName}</dd>
              </>
            ) : null}
            <dt className="text-slate-500">Last assessment</dt>
            <dd>{row.lastAssessmentAt ? formatDate(row.lastAssessmentAt, timeZone) : "—"}</dd>
            <dt className="text-slate-500">Latest overall</dt>
            <dd className="tabular-nums">{row.latestOverall === null ? "—" : formatScore(row.latestOverall)}</dd>
            <dt className="text-slate-500">Pending invitations</dt>
            <dd className="tabular-nums">{row.pendingInvitations || "—"}</dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}
