// Chunk of the public pages (sign-in, registration, recovery, verification, notices, dev outbox).
export { LoginPage } from '../features/auth/pages/LoginPage';
export { RegisterPage } from '../features/auth/pages/RegisterPage';
export { RegisterUnitPage } from '../features/auth/pages/RegisterUnitPage';
export { ForgotPasswordPage } from '../features/auth/pages/ForgotPasswordPage';
export { ResetPasswordPage } from '../features/auth/pages/ResetPasswordPage';
export { VerifyPage } from '../features/public/pages/VerifyPage';
export { NoticesPage } from '../features/public/pages/NoticesPage';
export { OutboxPage } from '../features/dev/pages/OutboxPage';
export { PublicityPublicPage } from '../features/public/pages/PublicityPublicPage';
