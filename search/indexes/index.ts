import type { SearchHandle } from "../client.ts";
import { ensureIndex, type IndexDefinition } from "../settings.ts";
import { catalogIndex } from "./catalog.ts";

export const indexDefinitions: IndexDefinition[] = [catalogIndex];

export function indexUid(search: Pick<SearchHandle, "prefix">, definition: IndexDefinition = catalogIndex): string {
  return `${search.prefix}${definition.name}`;
}

export async function ensureAllIndexes(search: SearchHandle): Promise<void> {
  for (const definition of indexDefinitions) await ensureIndex(search.client, indexUid(search, definition), definition);
}
