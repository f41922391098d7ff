"use client";

import { useEffect, useRef, type InputHTMLAttributes, type SelectHTMLAttributes } from "react";

/*
 * Fields of a GET form whose view lives in the URL (next/form navigates on the client, so the same
 * elements stay on the page and keep focus). The server renders each with the URL's value as
 * `defaultValue`; when the URL changes another way (Reset, Back), the field follows it, which an
 * uncontrolled field would not do by itself once someone has typed in it.
 *
 * On a slow connection someone can type or choose before the page has hydrated. The browser then
 * shows something newer than the URL's value, and the field keeps it: writing the URL's value over
 * it would silently undo the choice (and a change React replays after hydration would then send the
 * old view). A select, whose choosing is meant to send the form, sends that early choice once it can.
 */
function useFollow<T extends HTMLInputElement | HTMLSelectElement>(value: unknown, { sendEarlyChange }: { sendEarlyChange: boolean }) {
  const ref = useRef<T>(null);
  const given = useRef<{ value: unknown } | null>(null);
  useEffect(() => {
    const field = ref.current;
    if (!field || value === undefined || given.current?.value === value) return;
    const firstDrawn = given.current === null;
    given.current = { value };
    if (!firstDrawn) field.value = String(value);
    else if (sendEarlyChange && field.value !== String(value)) field.form?.requestSubmit();
  }, [value, sendEarlyChange]);
  return ref;
}

/** A text field that follows the URL's value. Enter sends its form, as in any form. */
export function UrlInput(props: InputHTMLAttributes<HTMLInputElement>) {
  const ref = useFollow<HTMLInputElement>(props.defaultValue, { sendEarlyChange: false });
  return <input ref={ref} {...props} />;
}

/**
 * A select that sends its form as soon as another option is chosen, for filters: nobody needs a
 * separate "Apply". Without JavaScript it is a plain select, and the form's button sends it.
 */
export function SubmitOnChangeSelect(props: Omit<SelectHTMLAttributes<HTMLSelectElement>, "onChange">) {
  const ref = useFollow<HTMLSelectElement>(props.defaultValue, { sendEarlyChange: true });
  return <select ref={ref} {...props} onChange={(event) => event.currentTarget.form?.requestSubmit()} />;
}
