// The district's "3233" modern industry system (plan task 5).
export const industryGroups = [
  { id: "leading", industries: ["biomedicine", "equipment_manufacturing", "electronic_information"] },
  { id: "emerging", industries: ["digital_economy", "new_materials"] },
  { id: "advantage", industries: ["printing_packaging", "modern_agriculture", "culture_tourism"] },
  { id: "services", industries: ["modern_commerce", "health_elderly_care", "testing_services"] },
] as const;

export type IndustryGroupId = (typeof industryGroups)[number]["id"];
export type IndustryId = (typeof industryGroups)[number]["industries"][number];

export const industryIds = industryGroups.flatMap((g) => g.industries) as IndustryId[];

export function industryGroupOf(industry: IndustryId): IndustryGroupId {
  const group = industryGroups.find((g) => (g.industries as readonly string[]).includes(industry));
  if (!group) throw new Error(`unknown industry ${industry}`);
  return group.id;
}

export function isIndustryId(value: string): value is IndustryId {
  return (industryIds as string[]).includes(value);
}
