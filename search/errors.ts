import { MeilisearchApiError, MeilisearchRequestError } from "meilisearch";

// With a custom httpClient the meilisearch client wraps whatever it throws in a MeilisearchRequestError,
// so an API error (404 index_not_found, ...) arrives as the cause of a request error.
export function meiliApiError(error: unknown): MeilisearchApiError | undefined {
  if (error instanceof MeilisearchApiError) return error;
  if (error instanceof MeilisearchRequestError && error.cause instanceof MeilisearchApiError) return error.cause;
  return undefined;
}

export function meiliErrorCode(error: unknown): string | undefined {
  return meiliApiError(error)?.cause?.code;
}

/** The server could not be reached at all (as opposed to answering with an error). */
export function isMeiliUnreachable(error: unknown): boolean {
  return error instanceof MeilisearchRequestError && !(error.cause instanceof MeilisearchApiError);
}
