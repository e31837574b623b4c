import type { SearchHandle } from "../client.ts";
import { ensureIndex, type IndexDefinition } from "../settings.ts";
import { listingsIndex } from "./listings.ts";
import { organizationsIndex } from "./organizations.ts";

export const indexDefinitions: IndexDefinition[] = [organizationsIndex, listingsIndex];

export function indexUid(search: Pick<SearchHandle, "prefix">, definition: IndexDefinition): string {
  return `${search.prefix}${definition.name}`;
}

export async function ensureAllIndexes(search: SearchHandle): Promise<void> {
  for (const definition of indexDefinitions) await ensureIndex(search.client, indexUid(search, definition), definition);
}
