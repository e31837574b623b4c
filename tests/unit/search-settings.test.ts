import { describe, expect, it } from "vitest";
import { differingSettings } from "../../search/settings.ts";

describe("differingSettings", () => {
  it("ignores the order of set-like lists but not of ranking rules", () => {
    expect(differingSettings({ filterableAttributes: ["a", "b"] }, { filterableAttributes: ["b", "a"] })).toEqual({});
    expect(differingSettings({ rankingRules: ["words", "typo"] }, { rankingRules: ["typo", "words"] })).toEqual({
      rankingRules: ["words", "typo"],
    });
  });

  it("compares synonyms and declared parts of objects only", () => {
    expect(
      differingSettings({ synonyms: { 数控: ["CNC"] } }, { synonyms: { 数控: ["CNC"] }, stopWords: ["的"] }),
    ).toEqual({});
    expect(differingSettings({ synonyms: { 数控: ["CNC"] } }, { synonyms: {} })).toEqual({ synonyms: { 数控: ["CNC"] } });
    expect(
      differingSettings(
        { typoTolerance: { enabled: true } },
        { typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } } },
      ),
    ).toEqual({});
  });
});
