import { zodResolver } from "@hookform/resolvers/zod";
import { Form, useNavigation, useSubmit } from "@remix-run/react";
import { createContext, useContext, useEffect, type FormEvent, type InputHTMLAttributes, type ReactNode } from "react";
import { useForm, type FieldValues, type UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { messageOrText, useT } from "../i18n/index.ts";

export interface ActionFeedback {
  ok: boolean;
  fieldErrors?: Record<string, string>;
  formError?: string;
  values?: Record<string, string | string[]>;
}

/**
 * react-hook-form over the same zod schema the action uses: the browser checks first, the server always
 * checks again, and server messages and the typed values come back onto the form when it refuses.
 */
export function useSchemaForm<S extends z.ZodType<any, any>>(
  schema: S,
  options: { defaults?: Record<string, unknown>; feedback?: ActionFeedback | null } = {},
) {
  const { feedback } = options;
  const form = useForm<FieldValues>({
    resolver: zodResolver(schema as any) as any,
    defaultValues: { ...options.defaults, ...(feedback?.values ?? {}) },
    mode: "onTouched",
  });
  useEffect(() => {
    if (!feedback || feedback.ok) return;
    for (const [name, message] of Object.entries(feedback.fieldErrors ?? {})) {
      form.setError(name, { type: "server", message });
    }
  }, [feedback, form]);
  return form;
}

// The server's answer, for fields rendered before (or without) JavaScript.
const FeedbackContext = createContext<ActionFeedback | null | undefined>(undefined);

function useFieldError(form: UseFormReturn<FieldValues>, name: string): string | undefined {
  const feedback = useContext(FeedbackContext);
  const message = useMessage();
  const clientError = form.formState.errors[name]?.message as string | undefined;
  return message(clientError ?? (feedback && !feedback.ok ? feedback.fieldErrors?.[name] : undefined));
}

function defaultOf(form: UseFormReturn<FieldValues>, name: string): unknown {
  return form.formState.defaultValues?.[name];
}

export function SchemaForm({
  form,
  feedback,
  children,
  method = "post",
  action,
  className = "stack",
  encType,
  ...rest
}: {
  form: UseFormReturn<FieldValues>;
  feedback?: ActionFeedback | null;
  children: ReactNode;
  method?: "post" | "get";
  action?: string;
  className?: string;
  encType?: "multipart/form-data";
  "aria-labelledby"?: string;
}) {
  const submit = useSubmit();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const element = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    void form.handleSubmit(() => submit(submitter ?? element, { method, action, encType }))(event);
  };
  const serverErrors = feedback && !feedback.ok ? Object.keys(feedback.fieldErrors ?? {}).length : 0;
  return (
    <FeedbackContext.Provider value={feedback}>
      <FormAlert feedback={feedback} errorCount={Math.max(errorCount(form), serverErrors)} />
      <Form method={method} action={action} className={className} noValidate onSubmit={onSubmit} encType={encType} {...rest}>
        {children}
      </Form>
    </FeedbackContext.Provider>
  );
}

export function useMessage() {
  const t = useT();
  return (message: string | undefined) => (message ? messageOrText(t, message) : undefined);
}

export function FormAlert({ feedback, errorCount }: { feedback?: ActionFeedback | null; errorCount?: number }) {
  const t = useT();
  const message = useMessage();
  if (feedback?.formError) {
    return (
      <div className="alert alert-error" role="alert">
        {message(feedback.formError)}
      </div>
    );
  }
  if (errorCount) {
    return (
      <div className="alert alert-error" role="alert">
        {t("validation.formErrors", { count: errorCount })}
      </div>
    );
  }
  return null;
}

type Control = "input" | "select" | "textarea";

export function Field({
  form,
  name,
  label,
  hint,
  control = "input",
  options,
  required,
  ...inputProps
}: {
  form: UseFormReturn<FieldValues>;
  name: string;
  label: string;
  hint?: string;
  control?: Control;
  options?: Array<{ value: string; label: string }>;
  required?: boolean;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "form" | "name">) {
  const t = useT();
  const error = useFieldError(form, name);
  const id = `field-${name}`;
  const initial = defaultOf(form, name);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy,
    "aria-required": required || undefined,
    defaultValue: Array.isArray(initial) ? initial.join("、") : (initial as string | number | undefined),
    ...form.register(name),
  };
  return (
    <div className="field">
      <label htmlFor={id} className={required ? "required" : undefined}>
        {label}
      </label>
      {control === "select" ? (
        <select {...common} disabled={inputProps.disabled}>
          <option value="">{t("form.choose")}</option>
          {options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : control === "textarea" ? (
        <textarea rows={5} {...common} />
      ) : (
        <input {...(inputProps as InputHTMLAttributes<HTMLInputElement>)} {...common} />
      )}
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function CheckboxField({
  form,
  name,
  children,
}: {
  form: UseFormReturn<FieldValues>;
  name: string;
  children: ReactNode;
}) {
  const error = useFieldError(form, name);
  const id = `field-${name}`;
  const initial = defaultOf(form, name);
  return (
    <div className="field field-checkbox">
      <div>
        <input
          type="checkbox"
          id={id}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          defaultChecked={initial === true || initial === "on"}
          {...form.register(name)}
        />{" "}
        <label htmlFor={id}>{children}</label>
      </div>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function SubmitButton({ children, name, value }: { children: ReactNode; name?: string; value?: string }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <button type="submit" name={name} value={value} disabled={busy} aria-busy={busy || undefined}>
      {children}
    </button>
  );
}

export function errorCount(form: UseFormReturn<FieldValues>): number {
  return Object.keys(form.formState.errors).length;
}
