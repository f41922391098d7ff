import type { ComponentProps, InputHTMLAttributes } from "react";

type FieldProps = {
  label: string;
  name: string;
  errors?: string[];
  hint?: string;
};

const controlClass = (invalid: boolean) =>
  `mt-1 block w-full rounded-md border bg-white px-3 py-2 text-base text-slate-900 shadow-sm sm:text-sm ${
    invalid ? "border-red-500 focus:outline-red-600" : "border-slate-300"
  }`;

function describedBy(name: string, errors?: string[], hint?: string) {
  return [hint ? `${name}-hint` : null, errors?.length ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
}

function FieldMessages({ name, errors, hint }: Pick<FieldProps, "name" | "errors" | "hint">) {
  return (
    <>
      {hint ? (
        <p id={`${name}-hint`} className="mt-1 text-sm text-slate-500">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={`${name}-error`} className="mt-1 text-sm font-medium text-red-700">
          {errors[0]}
        </p>
      ) : null}
    </>
  );
}

/** A labelled input whose error is announced through aria-describedby. */
export function TextField({ label, name, errors, hint, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const invalid = Boolean(errors?.length);
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={name}
        name={name}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(name, errors, hint)}
        className={controlClass(invalid)}
        {...input}
      />
      <FieldMessages name={name} errors={errors} hint={hint} />
    </div>
  );
}

export function SelectField({
  label,
  name,
  errors,
  hint,
  children,
  ...select
}: FieldProps & ComponentProps<"select">) {
  const invalid = Boolean(errors?.length);
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={name}
        name={name}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(name, errors, hint)}
        className={controlClass(invalid)}
        {...select}
      >
        {children}
      </select>
      <FieldMessages name={name} errors={errors} hint={hint} />
    </div>
  );
}
