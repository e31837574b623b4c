/** Keys of the platform figures a rubric criterion can show beside the applicant's evidence (see app/models/certification/evidence.server.ts). */
export const platformFigureKeys = [
  "schoolCooperationYears",
  "cooperationProjects",
  "internsHosted",
  "internsTarget",
  "internshipPositions",
  "staffCount",
  "orderTrainingCohorts",
  "orderTrainingStudents",
  "trainingBases",
  "staffTrainingOrders",
  "staffTrainingSeats",
  "staffTrainingSpendYuan",
  "trainingProvidedOrders",
  "trainingFundTargetYuan",
  "annualPayrollYuan",
] as const;
export type PlatformFigureKey = (typeof platformFigureKeys)[number];
export type PlatformFigures = Record<PlatformFigureKey, number | null>;

export const isPlatformFigureKey = (key: string): key is PlatformFigureKey => (platformFigureKeys as readonly string[]).includes(key);
