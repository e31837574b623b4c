import type { NewOrganization } from "../../db/schema.ts";
import type { OrganizationProfileInput } from "../schemas/organization.ts";

/** Maps the profile form onto organisation columns; fields that do not fit the kind are cleared. */
export function organizationValues(input: OrganizationProfileInput): Omit<NewOrganization, "status"> {
  const enterprise = input.kind === "enterprise";
  const school = input.kind === "university" || input.kind === "vocational_school" || input.kind === "training_provider";
  return {
    kind: input.kind,
    name: input.name,
    credit_code: input.creditCode ?? null,
    industry: input.industry ?? null,
    location: input.location ?? null,
    address: input.address ?? null,
    contact_name: input.contactName,
    contact_phone: input.contactPhone,
    contact_email: input.contactEmail,
    staff_count: enterprise ? (input.staffCount ?? null) : null,
    annual_payroll: enterprise ? (input.annualPayroll ?? null) : null,
    student_count: school ? (input.studentCount ?? null) : null,
    majors: school ? input.majors : [],
    description: input.description ?? "",
  };
}
