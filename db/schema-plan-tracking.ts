// Tables of the plan-tracking module: add one interface per table and list it here.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PlanTrackingTables {}
