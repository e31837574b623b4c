import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "../models/policy.server.ts";
import { isUuid } from "../schemas/ids.ts";

/** A route's id parameter, lower-cased; anything but a UUID is answered 404 before any model is asked. */
export function uuidParam(params: LoaderFunctionArgs["params"], name = "id"): string {
  const value = params[name];
  if (!isUuid(value)) throw notFound();
  return value.toLowerCase();
}
