import type { ChangeEvent } from "react";

/** What every upload on the platform takes: PDF or an image (the server checks the bytes; this only filters the picker). */
const DOCUMENT_ACCEPT = ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg";

/** A file input with its label, hint and error, wired for assistive technology like the form library's fields. */
export function FileField({
  id,
  name = "file",
  label,
  hint,
  error,
  required = false,
  onChange,
}: {
  id: string;
  name?: string;
  label: string;
  hint?: string;
  error?: string | null;
  required?: boolean;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id} className={required ? "required" : undefined}>
        {label}
      </label>
      <input
        id={id}
        type="file"
        name={name}
        accept={DOCUMENT_ACCEPT}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={onChange}
      />
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
