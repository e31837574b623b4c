import { describe, expect, it } from "vitest";
import { maskTokenPaths } from "../../app/http/private-responses.server.ts";

describe(maskTokenPaths.name, () => {
  it("hides the secret of invitation and password-reset links", () => {
    expect(maskTokenPaths("/invite/Zx9_abcdefghijklmnopqrstuvwxyz012345")).toBe("/invite/[已隐藏]");
    expect(maskTokenPaths("/reset-password/abcDEF123456789012345678901234.data")).toBe("/reset-password/[已隐藏]");
  });

  it("keeps every other path whole, so an incident can be traced to its listing", () => {
    const listing = "/l/0b6f8a2e-3c1d-4e5f-9a7b-123456789abc";
    expect(maskTokenPaths(listing)).toBe(listing);
    expect(maskTokenPaths("/orgs/0b6f8a2e-3c1d-4e5f-9a7b-123456789abc/invite/x")).toBe(
      "/orgs/0b6f8a2e-3c1d-4e5f-9a7b-123456789abc/invite/x",
    );
  });
});
