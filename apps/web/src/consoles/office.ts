// Chunk of the back office (/office).
export { OfficeHome } from '../features/office/pages/OfficeHome';
export { ProfilePage } from '../features/account/pages/ProfilePage';
export { ChangePasswordPage } from '../features/account/pages/ChangePasswordPage';
export { PathApplyPage } from '../features/audit-tree/pages/PathApplyPage';
export { PathReviewPage } from '../features/audit-tree/pages/PathReviewPage';
export { SubordinatesPage } from '../features/audit-tree/pages/SubordinatesPage';
export { LevelConfirmPage } from '../features/audit-tree/pages/LevelConfirmPage';
export { UnitPermissionPage } from '../features/unit-permission/UnitPermissionPage';
export { BatchesPage } from '../features/batches/BatchesPage';
export { ExpertsPage } from '../features/experts/ExpertsPage';
export { AuditQueuePage } from '../features/audit/pages/AuditQueuePage';
export { AuditPage } from '../features/audit/pages/AuditPage';
export { PublicityPage } from '../features/audit/pages/PublicityPage';
export { ReportUpPage } from '../features/audit/pages/ReportUpPage';
export { UnitApplicantsPage } from '../features/audit/pages/UnitApplicantsPage';
export { CommitteeCertificatesPage } from '../features/certificate/pages/CertificatesPage';
