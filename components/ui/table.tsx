import type { ComponentPropsWithoutRef, ReactNode } from "react";

/*
 * The one way to draw a table. These parts fix what every table shares: its semantics (a caption,
 * column and row headers with their scope, a named scrolling region) and the house look (the
 * frame, the header band, row dividers, numbers right-aligned in tabular figures). What differs
 * per table — the dense printed report, the roomy caseload — is padding and typography, passed as
 * className. Presentational only: they work in server and client components alike.
 */

const join = (...classes: (string | false | null | undefined)[]) => classes.filter(Boolean).join(" ");

const SURFACES = {
  /** On the page: a white card of its own. */
  card: "rounded-lg border border-slate-200 bg-white",
  /** Inside a card already. */
  inset: "rounded-md border border-slate-200",
};

/**
 * Scrolls a wide table sideways on its own (a phone never scrolls the whole page). Given a name
 * (`label`, or `labelledBy` the caption's id), it is a region that takes focus, so a keyboard can
 * scroll it too; without one, the table's own links must be its way in. Positioned, so that
 * screen-reader-only text inside stays inside: absolutely placed children of an unpositioned
 * scroller would widen the page.
 */
export function TableFrame({
  label,
  labelledBy,
  surface = "inset",
  print = false,
  className,
  children,
}: {
  label?: string;
  labelledBy?: string;
  surface?: keyof typeof SURFACES;
  /** In print, let the table run to its full width (see the report's print styles). */
  print?: boolean;
  className?: string;
  children: ReactNode;
}) {
  const named = label !== undefined || labelledBy !== undefined;
  return (
    <div
      role={named ? "region" : undefined}
      aria-label={label}
      aria-labelledby={labelledBy}
      tabIndex={named ? 0 : undefined}
      data-print={print ? "scroll" : undefined}
      className={join("relative overflow-x-auto", SURFACES[surface], className)}
    >
      {children}
    </div>
  );
}

export function Table({ className, ...props }: ComponentPropsWithoutRef<"table">) {
  return <table className={join("min-w-full text-sm", className)} {...props} />;
}

/** Every table has one; screen-reader only unless `className` says how to show it. */
export function TableCaption({ className = "sr-only", ...props }: ComponentPropsWithoutRef<"caption">) {
  return <caption className={className} {...props} />;
}

const HEAD_TYPE = "text-left text-xs font-medium uppercase tracking-wide text-slate-600";

/** The header band. `className` replaces its small-capitals typography. */
export function TableHead({ className = HEAD_TYPE, ...props }: ComponentPropsWithoutRef<"thead">) {
  return <thead className={join("bg-slate-50", className)} {...props} />;
}

export function TableBody({ className, ...props }: ComponentPropsWithoutRef<"tbody">) {
  return <tbody className={join("divide-y divide-slate-100", className)} {...props} />;
}

export function TableRow(props: ComponentPropsWithoutRef<"tr">) {
  return <tr {...props} />;
}

type HeaderProps = Omit<ComponentPropsWithoutRef<"th">, "scope"> & { numeric?: boolean };

/** A column's heading; `numeric` aligns it with its numbers. */
export function ColumnHeader({ numeric = false, className, ...props }: HeaderProps) {
  return <th scope="col" className={join(className, numeric && "text-right")} {...props} />;
}

/** The cell that names its row (a date, a dimension): read out before each of the row's values. */
export function RowHeader({ className, ...props }: Omit<ComponentPropsWithoutRef<"th">, "scope">) {
  return <th scope="row" className={join(className, "text-left font-medium")} {...props} />;
}

/** A value; `numeric` right-aligns it in tabular figures so columns of numbers line up. */
export function Cell({ numeric = false, className, ...props }: ComponentPropsWithoutRef<"td"> & { numeric?: boolean }) {
  return <td className={join(className, numeric && "text-right tabular-nums")} {...props} />;
}
