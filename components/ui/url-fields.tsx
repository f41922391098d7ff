"use client";

import { useEffect, useRef, type InputHTMLAttributes, type SelectHTMLAttributes } from "react";

/*
 * Fields of a GET form whose view lives in the URL (next/form navigates on the client, so the same
 * elements stay on the page and keep focus). The server renders each with the URL's value as
 * `defaultValue`; when the URL changes another way (Reset, Back), the field follows it, which an
 * uncontrolled field would not do by itself once someone has typed in it.
 */

function useFollow<T extends HTMLInputElement | HTMLSelectElement>(value: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (ref.current && value !== undefined) ref.current.value = String(value);
  }, [value]);
  return ref;
}

/** A text field that follows the URL's value. Enter sends its form, as in any form. */
export function UrlInput(props: InputHTMLAttributes<HTMLInputElement>) {
  const ref = useFollow<HTMLInputElement>(props.defaultValue);
  return <input ref={ref} {...props} />;
}

/**
 * A select that sends its form as soon as another option is chosen, for filters: nobody needs a
 * separate "Apply". Without JavaScript it is a plain select, and the form's button sends it.
 */
export function SubmitOnChangeSelect(props: Omit<SelectHTMLAttributes<HTMLSelectElement>, "onChange">) {
  const ref = useFollow<HTMLSelectElement>(props.defaultValue);
  return <select ref={ref} {...props} onChange={(event) => event.currentTarget.form?.requestSubmit()} />;
}
