// Chunk of the title-office admin console (/admin).
export { AdminHome } from '../features/admin/pages/AdminHome';
export { UsersPage } from '../features/admin/pages/UsersPage';
export { AuditLogsPage } from '../features/admin/pages/AuditLogsPage';
export { ProfilePage } from '../features/account/pages/ProfilePage';
export { ChangePasswordPage } from '../features/account/pages/ChangePasswordPage';
export { BlacklistPage } from '../features/blacklist/pages/BlacklistPage';
export { AdminNoticesPage } from '../features/notices/pages/AdminNoticesPage';
export { CertificatesPage } from '../features/certificate/pages/CertificatesPage';
export { CertificateApplicationsPage } from '../features/certificate/pages/CertificateApplicationsPage';
