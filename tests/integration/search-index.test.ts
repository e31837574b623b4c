import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexDefinitions, indexUid, ensureAllIndexes } from "../../search/indexes/index.ts";
import { catalogIndex } from "../../search/indexes/catalog.ts";
import { ensureIndex } from "../../search/settings.ts";
import { openTestSearch } from "../support/search.ts";

describe("index settings", () => {
  const search = openTestSearch();
  afterAll(() => search.dispose());

  it("creates each index and applies settings only when they differ", async () => {
    await ensureAllIndexes(search);
    for (const definition of indexDefinitions) {
      const settings = await search.client.index(indexUid(search, definition)).getSettings();
      expect(settings.localizedAttributes).toEqual([{ attributePatterns: ["*"], locales: ["cmn"] }]);
      expect(await ensureIndex(search.client, indexUid(search, definition), definition)).toBe(false);
    }
  });

  it("re-applies settings changed behind its back", async () => {
    const uid = indexUid(search, catalogIndex);
    const task = await search.client.index(uid).updateSynonyms({});
    await search.client.tasks.waitForTask(task.taskUid);
    expect(await ensureIndex(search.client, uid, catalogIndex)).toBe(true);
    const synonyms = await search.client.index(uid).getSynonyms();
    expect(synonyms["数控"]).toContain("CNC");
    expect(synonyms["CNC"]).toContain("数控");
  });

  it("fails loudly when the server refuses a setting", async () => {
    await expect(
      ensureIndex(search.client, indexUid(search, catalogIndex), {
        ...catalogIndex,
        settings: { localizedAttributes: [{ attributePatterns: ["*"], locales: ["zh-CN" as "cmn"] }] },
      }),
    ).rejects.toThrow();
  });
});

describe("keep-alive transport", () => {
  const search = openTestSearch();
  beforeAll(() => ensureAllIndexes(search));
  afterAll(() => search.dispose());

  it("turns an API error into the client's error with its code", async () => {
    await expect(search.client.index(`${search.prefix}missing`).getStats()).rejects.toMatchObject({
      cause: { cause: { code: "index_not_found" } },
    });
  });
});
