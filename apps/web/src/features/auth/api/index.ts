import type {
  CaptchaResponse,
  CurrentUser,
  LoginRequest,
  LoginResponse,
  MfaVerifyRequest,
  RecoverPasswordRequest,
  RecoverUsernameRequest,
  RegisterPersonRequest,
  RegisterUnitRequest,
  ResetPasswordRequest,
  TokenResponse,
} from '@zhicheng/contracts';
import { api } from '../../../lib/api';

export const authKeys = {
  all: ['auth'] as const,
  captcha: (n: number) => [...authKeys.all, 'captcha', n] as const,
};

const pub = { auth: false } as const;

export const authApi = {
  captcha: () => api.get<CaptchaResponse>('/auth/captcha'),
  login: (body: LoginRequest) => api.post<LoginResponse>('/auth/login', body, pub),
  mfa: (body: MfaVerifyRequest) => api.post<TokenResponse>('/auth/mfa', body, pub),
  mfaResend: (body: { mfaToken: string }) => api.post<{ maskedMobile: string; resendAfterSeconds: number }>('/auth/mfa/resend', body, pub),
  register: (body: RegisterPersonRequest) => api.post<CurrentUser>('/auth/register', body, pub),
  registerUnit: (body: RegisterUnitRequest) => api.post<CurrentUser>('/auth/register-unit', body, pub),
  recoverPassword: (body: RecoverPasswordRequest) => api.post<{ message: string }>('/auth/recover-password', body, pub),
  resetPassword: (body: ResetPasswordRequest) => api.post<{ ok: true }>('/auth/reset-password', body, pub),
  recoverUsername: (body: RecoverUsernameRequest) => api.post<{ message: string }>('/auth/recover-username', body, pub),
};
