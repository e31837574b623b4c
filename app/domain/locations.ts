// Where in 鄠邑区 an organisation or listing is: the sub-districts and the parks.
export const parkIds = ["fengjing_park", "xihu_hitech_zone", "auto_parts_park", "lixing_innovation_park"] as const;

export const subDistrictIds = [
  "ganting",
  "yuxia",
  "yuchan",
  "wuzhu",
  "caotang",
  "qindu",
  "dawang",
  "pangguang",
  "jiangcun",
  "laodian",
  "ganhe",
  "shijing",
  "weifeng",
  "zuan",
] as const;

export type ParkId = (typeof parkIds)[number];
export type SubDistrictId = (typeof subDistrictIds)[number];
export type LocationId = ParkId | SubDistrictId;

export const locationIds: LocationId[] = [...parkIds, ...subDistrictIds];

export function isLocationId(value: string): value is LocationId {
  return (locationIds as string[]).includes(value);
}

export function isPark(value: LocationId): value is ParkId {
  return (parkIds as readonly string[]).includes(value);
}
