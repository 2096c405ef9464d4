// Chunk of the title-office admin console (/admin).
export { AdminHome } from '../features/admin/pages/AdminHome';
export { UsersPage } from '../features/admin/pages/UsersPage';
export { AuditLogsPage } from '../features/admin/pages/AuditLogsPage';
export { ProfilePage } from '../features/account/pages/ProfilePage';
export { ChangePasswordPage } from '../features/account/pages/ChangePasswordPage';
export { BlacklistPage } from '../features/blacklist/pages/BlacklistPage';
export { AdminNoticesPage } from '../features/notices/pages/AdminNoticesPage';
export { EdgesPage } from '../features/audit-tree/pages/EdgesPage';
export { DiagnosisPage } from '../features/audit-tree/pages/DiagnosisPage';
export { OrganisationsPage } from '../features/admin/pages/OrganisationsPage';
export { CommitteesPage } from '../features/admin/pages/CommitteesPage';
export { UnitPermissionsPage } from '../features/admin/pages/UnitPermissionsPage';
export { ProfessionsPage } from '../features/admin/pages/ProfessionsPage';
export { TitlesPage } from '../features/admin/pages/TitlesPage';
export { BatchesPage } from '../features/batches/BatchesPage';
export { ExpertsPage } from '../features/experts/ExpertsPage';
