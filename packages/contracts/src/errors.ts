/** The one error shape every API error answers with. */
export interface ApiError {
  statusCode: number;
  code: ErrorCode | string;
  message: string;
  /** Field-level messages keyed by the field's path, e.g. `education.0.degreeNo`. */
  fields?: Record<string, string>;
}

export const ErrorCode = {
  ValidationFailed: 'VALIDATION_FAILED',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  OutOfScope: 'OUT_OF_SCOPE',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  RateLimited: 'RATE_LIMITED',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  Internal: 'INTERNAL',
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
  // accounts
  CaptchaInvalid: 'CAPTCHA_INVALID',
  BadCredentials: 'BAD_CREDENTIALS',
  AccountLocked: 'ACCOUNT_LOCKED',
  AccountDisabled: 'ACCOUNT_DISABLED',
  PasswordChangeRequired: 'PASSWORD_CHANGE_REQUIRED',
  IdCardTaken: 'ID_CARD_TAKEN',
  UsernameTaken: 'USERNAME_TAKEN',
  CreditCodeTaken: 'CREDIT_CODE_TAKEN',
  RefreshInvalid: 'REFRESH_INVALID',
  RefreshReused: 'REFRESH_REUSED',
  MfaRequired: 'MFA_REQUIRED',
  MfaInvalid: 'MFA_INVALID',
  ResetTokenInvalid: 'RESET_TOKEN_INVALID',
  // reference data
  ReferenceInUse: 'REFERENCE_IN_USE',
  TopLevelLocked: 'TOP_LEVEL_LOCKED',
  UnitNameDuplicate: 'UNIT_NAME_DUPLICATE',
  InvalidFile: 'INVALID_FILE',
  StaleVersion: 'STALE_VERSION',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
