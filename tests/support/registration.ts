import { withCheckChar } from "../../app/domain/credit-code.ts";
import { registrationSchema, type RegistrationInput } from "../../app/schemas/auth.ts";

/** The password every registered test administrator signs in with. */
export const TEST_PASSWORD = "Strong-Pass-2026";

let counter = 0;
/** A number no other registration of this test file has: for names, credit codes and e-mail addresses. */
export const uniqueNumber = () => String(10000 + ++counter);

/** An enterprise's profile as the form sends it, its name, credit code and address made unique by `n`. */
export function enterpriseProfile(n: string, overrides: Record<string, string> = {}) {
  return {
    kind: "enterprise",
    name: `测试企业${n}`,
    creditCode: withCheckChar(`91610118MA8B${n}`),
    industry: "equipment_manufacturing",
    location: "fengjing_park",
    contactName: "周工",
    contactPhone: "13911112222",
    contactEmail: `contact${n}@example.cn`,
    staffCount: "120",
    description: "数控机床整机制造。",
    ...overrides,
  };
}

/** A valid registration of a new enterprise and its administrator, numbered `n`; `overrides` change any field. */
export function registration(overrides: Record<string, string> = {}, n: string = uniqueNumber()): RegistrationInput {
  return registrationSchema.parse({
    ...enterpriseProfile(n),
    userName: "周工",
    userEmail: `admin${n}@example.cn`,
    password: TEST_PASSWORD,
    passwordConfirm: TEST_PASSWORD,
    consent: "on",
    ...overrides,
  });
}
