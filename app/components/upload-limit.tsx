import { useState, type ChangeEvent, type FormEvent } from "react";
import { useT } from "~/i18n/index.ts";

const MB = 1024 * 1024;

/**
 * The browser's own check of an upload form's file against the server's bound: a file that is too large is named
 * next to the field when chosen and the form is not sent, so nobody waits for megabytes the server will refuse.
 * The server checks again; this only spares the upload.
 */
export function useUploadLimit(maxMegabytes: number) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const check = (input: HTMLInputElement | null | undefined): boolean => {
    const file = input?.files?.[0];
    const tooLarge = Boolean(file && file.size > maxMegabytes * MB);
    setError(
      file && tooLarge
        ? t("upload.tooLarge", { name: file.name, size: (file.size / MB).toFixed(1), mb: maxMegabytes })
        : null,
    );
    return !tooLarge;
  };
  return {
    error,
    onChange: (event: ChangeEvent<HTMLInputElement>) => void check(event.currentTarget),
    onSubmit: (event: FormEvent<HTMLFormElement>) => {
      if (!check(event.currentTarget.querySelector<HTMLInputElement>('input[type="file"]'))) event.preventDefault();
    },
  };
}
