// A base no real request has: a target that resolves to any other origin was not a path of this site.
const BASE = new URL("http://cjt.invalid");
// eslint-disable-next-line no-control-regex -- control characters are what this checks for
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\\]/;

/**
 * Only paths of this site: never "//evil.example", "/\\evil.example", "https://…", "/%09/evil.example/" (a tab a
 * client-side router decodes and a URL parser drops) or CR/LF (which no header may carry). The target is resolved
 * against the origin and must stay on it, both as sent and once percent-decoded.
 */
export function safeRedirect(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || to.length > 2000 || !to.startsWith("/")) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(to);
  } catch {
    return fallback;
  }
  for (const form of [to, decoded]) {
    if (UNSAFE.test(form) || form.startsWith("//")) return fallback;
    if (new URL(form, BASE).origin !== BASE.origin) return fallback;
  }
  // Resolving removes dot segments: "/.//evil.example" becomes "//evil.example", which must not come out either.
  const url = new URL(to, BASE);
  const target = `${url.pathname}${url.search}${url.hash}`;
  return target.startsWith("//") ? fallback : target;
}
