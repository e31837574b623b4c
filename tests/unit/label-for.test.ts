import { describe, expect, it } from "vitest";
import { createTranslator, labelFor, messageOrText } from "../../app/i18n/translate.ts";

describe("labels of values the type system cannot vouch for", () => {
  const t = createTranslator();
  it("gives the catalog's label for a known value", () => {
    expect(labelFor(t, "orgKind", "enterprise")).toBe(t("orgKind.enterprise"));
    expect(labelFor(t, "orgKind", "enterprise")).not.toContain("orgKind");
  });

  it("gives the value itself, never a raw key, when the catalog has none", () => {
    expect(labelFor(t, "industry", "no_such_industry")).toBe("no_such_industry");
    expect(labelFor(t, "industry", "__proto__")).toBe("__proto__");
  });

  it("shows a server message given as a key by its text, and other text as it is", () => {
    expect(messageOrText(t, "validation.choose")).toBe(t("validation.choose"));
    expect(messageOrText(t, "已超过上限")).toBe("已超过上限");
  });
});
