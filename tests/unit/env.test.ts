import fc from "fast-check";
import { describe, expect, it } from "vitest";
import express from "express";
import { demoSeeding, EnvError, parseEnv } from "../../app/env.server.ts";

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
    const keys = ["PORT", "DATABASE_URL", "MEILI_URL", "MEILI_MASTER_KEY", "NODE_ENV", "LOG_LEVEL", "SEED_DEMO", "SMTP_URL", "PUBLIC_URL"];
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

  it("believes X-Forwarded-For only from this machine by default, not from any intranet address", () => {
    const app = express();
    app.set("trust proxy", parseEnv({}).TRUST_PROXY);
    const trusted = app.get("trust proxy fn") as (address: string, hop: number) => boolean;
    expect(trusted("127.0.0.1", 0)).toBe(true);
    expect(trusted("::1", 0)).toBe(true);
    for (const intranet of ["10.1.2.3", "172.16.0.9", "192.168.1.20", "fd00::1", "169.254.0.1"]) {
      expect(trusted(intranet, 0), intranet).toBe(false);
    }
  });

  it("requires PUBLIC_URL with SMTP_URL in production, with a bilingual one-line message", () => {
    const smtp = { SMTP_URL: "smtp://mail.internal:587" };
    for (const source of [
      { ...smtp, NODE_ENV: "production" },
      { ...smtp, DATABASE_URL: "postgres://u:p@db:5432/cjt" },
    ]) {
      try {
        parseEnv(source, { defaultNodeEnv: "production" });
        expect.unreachable("PUBLIC_URL should be required");
      } catch (error) {
        expect((error as EnvError).variable).toBe("PUBLIC_URL");
        expect((error as Error).message).toMatch(/PUBLIC_URL — .*必须设置.*\/ is required with SMTP_URL in production/);
        expect((error as Error).message).not.toContain("\n");
      }
    }
    expect(parseEnv({ ...smtp, NODE_ENV: "production", PUBLIC_URL: "https://cjt.example.gov.cn" }).production).toBe(true);
    // npm start on a fresh clone (embedded database, NODE_ENV left to its default) is a trial, not a deployment.
    expect(parseEnv(smtp, { defaultNodeEnv: "production" })).toMatchObject({ NODE_ENV: "production", production: false });
    expect(parseEnv({ ...smtp, NODE_ENV: "development" }).production).toBe(false);
  });

  it("runs the production mode by default and development only when asked", () => {
    expect(parseEnv({}, { defaultNodeEnv: "production" }).NODE_ENV).toBe("production");
    expect(parseEnv({}, { defaultNodeEnv: "development" }).NODE_ENV).toBe("development");
    expect(parseEnv({ NODE_ENV: "test" }, { defaultNodeEnv: "production" }).NODE_ENV).toBe("test");
  });

  it("loads demo data only into the embedded database outside production, and says why not", () => {
    const decide = (source: Record<string, string>) => demoSeeding(parseEnv(source, { defaultNodeEnv: "production" }));
    // npm start on a fresh clone
    expect(decide({})).toEqual({ load: true });
    expect(decide({ NODE_ENV: "test" })).toEqual({ load: true });
    // a demo server on the embedded database, asked for explicitly
    expect(decide({ NODE_ENV: "production", SEED_DEMO: "true" })).toEqual({ load: true });

    const skipped = (source: Record<string, string>) => {
      const decision = decide(source);
      expect(decision.load).toBe(false);
      return decision.load ? "" : decision.message;
    };
    expect(skipped({ NODE_ENV: "production" })).toMatch(/未加载演示数据.*NODE_ENV=production.*\/ demo data skipped/);
    expect(skipped({ DATABASE_URL: "postgres://u:p@db:5432/cjt" })).toMatch(/DATABASE_URL/);
    expect(skipped({ DATABASE_URL: "postgres://u:p@db:5432/cjt", SEED_DEMO: "true", NODE_ENV: "development" })).toMatch(/DATABASE_URL/);
    expect(skipped({ SEED_DEMO: "false" })).toMatch(/SEED_DEMO=false/);
  });
});
