import { z } from "zod";
import { UUID_PATTERN } from "./ids.ts";

// Parameters of GET /api/v1/recommendations. Messages are catalog keys. A parameter given twice counts
// with its first value; the route refuses names it does not know.

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const blankToUndefined = (v: unknown) => {
  const value = first(v);
  return typeof value === "string" && value.trim() === "" ? undefined : value;
};


export const recommendationParamsSchema = z.object({
  organization: z.preprocess(
    first,
    z
      .string({ message: "recommend.api.badOrganization" })
      .trim()
      .regex(UUID_PATTERN, { message: "recommend.api.badOrganization" })
      .transform((v) => v.toLowerCase()),
  ),
  limit: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ message: "recommend.api.badLimit" })
      .int({ message: "recommend.api.badLimit" })
      .min(1, { message: "recommend.api.badLimit" })
      .max(50, { message: "recommend.api.badLimit" })
      .default(10),
  ),
});

export type RecommendationParams = z.infer<typeof recommendationParamsSchema>;
export const recommendationParamNames = Object.keys(recommendationParamsSchema.shape);
