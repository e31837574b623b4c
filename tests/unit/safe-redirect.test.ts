import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRedirect } from "../../app/utils/safe-redirect.ts";

describe(safeRedirect.name, () => {
  it("keeps paths of this site with their query and fragment", () => {
    expect(safeRedirect("/dashboard")).toBe("/dashboard");
    expect(safeRedirect("/search?q=%E6%99%BA%E8%83%BD&kind=internship#results")).toBe("/search?q=%E6%99%BA%E8%83%BD&kind=internship#results");
    expect(safeRedirect("/l/6898f230-c54b-4137-97c2-a822d8868563")).toBe("/l/6898f230-c54b-4137-97c2-a822d8868563");
  });

  it.each([
    "//evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "https://evil.example/",
    "http:/evil.example",
    "/%09/evil.example/",
    "/%2F/evil.example",
    "/.//evil.example",
    "/a/..//evil.example",
    "/%5Cevil.example",
    "/\t/evil.example/",
    "/dashboard\r\nSet-Cookie: x=1",
    "/%0d%0aSet-Cookie:%20x=1",
    "/a\u0000b",
    "/%00",
    "/%",
    "javascript:alert(1)",
    "evil.example",
    "",
  ])("refuses %j", (to) => {
    expect(safeRedirect(to, "/dashboard")).toBe("/dashboard");
  });

  it("answers the fallback for anything that is not a string", () => {
    for (const to of [undefined, null, 42, ["/x"], { toString: () => "/x" }]) expect(safeRedirect(to, "/f")).toBe("/f");
  });

  it("never answers something a browser would take off this origin or a header could not carry", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), fc.string().map((s) => `/${s}`), fc.webUrl(), fc.webPath()), (to) => {
        const target = safeRedirect(to, "/fallback");
        expect(target.startsWith("/")).toBe(true);
        // eslint-disable-next-line no-control-regex -- control characters are what this checks for
        expect(target).not.toMatch(/[\u0000-\u001f\u007f\\]/);
        expect(new URL(target, "https://cjt.example.cn").origin).toBe("https://cjt.example.cn");
        expect(new URL(decodeURIComponent(target), "https://cjt.example.cn").origin).toBe("https://cjt.example.cn");
      }),
      { numRuns: 2000 },
    );
  });
});
