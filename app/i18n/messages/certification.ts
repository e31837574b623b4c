// Certification of integration enterprises and the education-surcharge credit (issue 7).
export const zh = {
} as const;

export const en: Partial<Record<keyof typeof zh, string>> = {
};
