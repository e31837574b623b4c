import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "../../app/env.server.ts";

describe("parseEnv", () => {
  it("uses the embedded defaults when nothing is set", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.MEILI_URL).toBeUndefined();
    expect(env.dataDir.endsWith("/data")).toBe(true);
  });

  it("names the variable and says what is wrong, in Chinese and English", () => {
    expect(() => parseEnv({ PORT: "abc" })).toThrowError(EnvError);
    try {
      parseEnv({ DATABASE_URL: "mysql://x" });
    } catch (error) {
      expect((error as EnvError).variable).toBe("DATABASE_URL");
      expect((error as Error).message).toMatch(/DATABASE_URL — 必须是 postgres/);
      expect((error as Error).message).toMatch(/must be a postgres/);
      expect((error as Error).message).not.toContain("\n");
    }
  });

  it("refuses an out-of-range port and a short session secret", () => {
    expect(() => parseEnv({ PORT: "70000" })).toThrow(/PORT/);
    expect(() => parseEnv({ SESSION_SECRET: "short" })).toThrow(/SESSION_SECRET/);
  });

  it("accepts real server settings", () => {
    const env = parseEnv({
      DATABASE_URL: "postgres://u:p@db:5432/cjt",
      MEILI_URL: "http://search:7700",
      MEILI_MASTER_KEY: "0123456789abcdef0123",
    });
    expect(env.DATABASE_URL).toBe("postgres://u:p@db:5432/cjt");
    expect(env.MEILI_URL).toBe("http://search:7700");
  });

  it("never fails with anything but a one-line EnvError, whatever the values", () => {
    const keys = ["PORT", "DATABASE_URL", "MEILI_URL", "MEILI_MASTER_KEY", "NODE_ENV", "LOG_LEVEL", "SEED_DEMO", "SMTP_URL"];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), fc.string({ maxLength: 40 })), (values) => {
        try {
          parseEnv(values);
        } catch (error) {
          expect(error).toBeInstanceOf(EnvError);
          expect((error as Error).message).not.toContain("\n");
          expect(keys).toContain((error as EnvError).variable);
        }
      }),
      { numRuns: 300 },
    );
  });
});
