import type { ActionFunctionArgs, ServerBuild } from "@remix-run/node";
import { createTranslator } from "../i18n/translate.ts";

// Every route action reads a form. A body that is not one (text/plain, JSON, no content type with a body) is refused
// with 415 before the action runs, and a form that cannot be parsed (broken multipart) with 400 where the action reads
// it — instead of the TypeError of request.formData() becoming a 500.

const t = createTranslator();
const formTypes = ["application/x-www-form-urlencoded", "multipart/form-data"];

function refusal(status: number, text: string): Response {
  return new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

function hasBody(request: Request): boolean {
  const length = request.headers.get("content-length");
  if (length !== null) return Number(length) > 0;
  return request.headers.has("transfer-encoding");
}

/** The request an action sees: checked for a form content type, with a formData() that refuses instead of throwing. */
export function guardFormRequest(request: Request): Request {
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!type) {
    // An empty POST (a logout button, a bare fetch) is an empty form.
    if (!hasBody(request)) {
      Object.defineProperty(request, "formData", { value: async () => new FormData() });
      return request;
    }
    throw refusal(415, t("http.unsupportedType"));
  }
  if (!formTypes.includes(type)) throw refusal(415, t("http.unsupportedType"));
  if (type === "multipart/form-data" && !/;\s*boundary=[^;\s]+/i.test(request.headers.get("content-type") ?? "")) {
    throw refusal(400, t("http.badBody"));
  }
  const read = request.formData.bind(request);
  Object.defineProperty(request, "formData", {
    value: async () => {
      try {
        return await read();
      } catch (error) {
        if (request.signal.aborted) throw error;
        throw refusal(400, t("http.badBody"));
      }
    },
  });
  return request;
}

/** The build with every route action behind guardFormRequest. */
export function guardActions(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const action = route.module.action;
    routes[id] = action
      ? {
          ...route,
          module: { ...route.module, action: (args: ActionFunctionArgs) => action({ ...args, request: guardFormRequest(args.request) }) },
        }
      : route;
  }
  return { ...build, routes };
}
