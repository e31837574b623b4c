import crypto from "node:crypto";
import { inject } from "vitest";
import { connectMeili, type SearchHandle } from "../../search/client.ts";

/** The run's real Meilisearch, under an index prefix of this test file's own. */
export function openTestSearch(): SearchHandle & { dispose(): Promise<void> } {
  const prefix = `t${crypto.randomBytes(4).toString("hex")}_`;
  const handle = connectMeili(inject("meiliUrl"), inject("meiliKey"), prefix);
  return {
    ...handle,
    async dispose() {
      const { results } = await handle.client.getRawIndexes({ limit: 1000 });
      for (const index of results.filter((i) => i.uid.startsWith(prefix))) {
        const task = await handle.client.deleteIndex(index.uid);
        await handle.client.tasks.waitForTask(task.taskUid);
      }
      await handle.close();
    },
  };
}
