/** Limits from the operation manuals, defined once. */
export const LIMITS = {
  mainAchievementsChars: 400,
  technicalSummaryInitialChars: 800,
  workSummaryChars: 2000,
  continuingEducationMaxRows: 8,
  ordinaryAttachmentBytes: 500 * 1024,
  largeAttachmentBytes: 10 * 1024 * 1024,
  commitmentLetterSeconds: 20,
  loginMaxFailures: 5,
  loginLockMinutes: 15,
  pageSizeMax: 200,
} as const;
