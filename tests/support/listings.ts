import { listingSchemaFor, splitListingInput, type ListingInput } from "../../app/schemas/listing.ts";
import { addDays, todayInChina } from "../../app/utils/dates.ts";

/** A complete, valid internship post as the form sends it, open 60 days from today; `overrides` change any field. */
export function internshipInput(overrides: Record<string, string> = {}): ListingInput {
  const today = todayInChina();
  const parsed = listingSchemaFor("internship").parse({
    title: "数控车床操作实习生",
    description: "在数控车间跟岗实习，学习数控车床编程与操作。",
    industry: "equipment_manufacturing",
    majors: "数控技术、机电一体化技术",
    skills: "数控编程",
    location: "fengjing_park",
    validUntil: addDays(today, 60),
    contactName: "王工",
    contactPhone: "13800000001",
    positions: "6",
    startDate: addDays(today, 30),
    endDate: addDays(today, 120),
    hoursPerWeek: "40",
    monthlyPay: "3000",
    insurance: "on",
    accommodation: "provided",
    meals: "subsidised",
    supervisor: "on",
    ...overrides,
  });
  return splitListingInput("internship", parsed);
}
