import Link from "next/link";

/** From the overview's first few to Needs attention, which lists as many as `listedThere`. */
export function SeeThemAll({ total, listedThere }: { total: number; listedThere: number }) {
  return (
    <Link href="/overview/attention" className="font-medium text-brand-700 hover:underline">
      {total > listedThere ? `See the first ${listedThere}` : "See them all"}
    </Link>
  );
}
