import { splitTitle } from "./steps";

/** An instrument's title, its bracketed short title kept on one line ("(CSI-4)" never breaks at the hyphen). */
export function InstrumentTitle({ title }: { title: string }) {
  const { name, short } = splitTitle(title);
  if (!short) return <>{title}</>;
  return (
    <>
      {name} <span className="whitespace-nowrap">{short}</span>
    </>
  );
}
