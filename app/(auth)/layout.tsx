import Link from "next/link";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center px-4 py-10">
      <Link href="/" className="mb-8 flex items-center gap-2 text-xl font-semibold text-brand-700">
        <span aria-hidden className="inline-block h-7 w-7 rounded-full bg-brand-600 ring-4 ring-brand-100" />
        Attune
      </Link>
      <main className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">{children}</main>
      <p className="mt-6 max-w-md text-center text-xs text-slate-500">
        Attune holds confidential health information. Sign out when you leave a shared computer.
      </p>
    </div>
  );
}
