import { Meilisearch } from "meilisearch";
import type { Logger } from "pino";
import { createKeepAliveHttpClient } from "./http-transport.ts";
import { startEmbeddedMeili, type EmbeddedMeili } from "./meili-process.ts";

export interface SearchHandle {
  client: Meilisearch;
  url: string;
  /** Prepended to every index uid, so tests and several deployments can share one server. */
  prefix: string;
  embedded?: EmbeddedMeili;
  close(): Promise<void>;
}

export function connectMeili(url: string, apiKey: string | undefined, prefix = ""): SearchHandle {
  const transport = createKeepAliveHttpClient();
  // No client-side timeout: the transport has its own, and the client's leaks an abort listener per task poll.
  const client = new Meilisearch({ host: url, apiKey, httpClient: transport.request });
  return {
    client,
    url,
    prefix,
    async close() {
      transport.close();
    },
  };
}

export async function openSearch(options: {
  meiliUrl?: string;
  masterKey?: string;
  binary?: string;
  dataDir: string;
  prefix?: string;
  log: Logger;
}): Promise<SearchHandle> {
  if (options.meiliUrl) return connectMeili(options.meiliUrl, options.masterKey, options.prefix);
  const embedded = await startEmbeddedMeili({ dataDir: options.dataDir, binary: options.binary, log: options.log });
  const handle = connectMeili(embedded.url, embedded.masterKey, options.prefix);
  return {
    ...handle,
    embedded,
    async close() {
      await handle.close();
      await embedded.stop();
    },
  };
}
