"use client";

import { useEffect, useSyncExternalStore } from "react";

/** The id the server logged the page's request under (app/layout.tsx), to read out when reporting the error. */
function useRequestId(): string | null {
  return useSyncExternalStore(
    () => () => {},
    () => document.querySelector<HTMLMetaElement>('meta[name="attune-request-id"]')?.content ?? null,
    () => null,
  );
}

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const requestId = useRequestId();
  useEffect(() => {
    // In the browser, so the browser's console; the server logged the error with its request id and digest.
    console.error(error);
  }, [error]);
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-lg flex-col items-center justify-center px-4 text-center">
      <h1 className="text-2xl font-semibold text-slate-900">Something went wrong</h1>
      <p className="mt-2 text-slate-600">
        Attune could not complete that request. Nothing you saved has been lost. Please try again in a moment; if it keeps
        happening, the service may be briefly unavailable.
      </p>
      {requestId || error.digest ? (
        <p className="mt-2 text-xs text-slate-500">
          {requestId ? <>Request: {requestId}</> : null}
          {requestId && error.digest ? " · " : null}
          {error.digest ? <>Reference: {error.digest}</> : null}
        </p>
      ) : null}
      <button
        type="button"
        onClick={reset}
        className="mt-6 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
      >
        Try again
      </button>
    </main>
  );
}
