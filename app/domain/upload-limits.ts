const MB = 1024 * 1024;

/** The largest file each upload form takes; the HTTP edge refuses any multipart body above the largest of them. */
export const UPLOAD_LIMITS = {
  certificationEvidence: 5 * MB,
  projectAgreement: 10 * MB,
  planReportEvidence: 10 * MB,
  organizationDocument: 10 * MB,
} as const;

export const LARGEST_UPLOAD_BYTES = Math.max(...Object.values(UPLOAD_LIMITS));
