// Chunk of the individual hall (/hall).
export { HallHome } from '../features/hall/pages/HallHome';
export { ProfilePage } from '../features/account/pages/ProfilePage';
export { ChangePasswordPage } from '../features/account/pages/ChangePasswordPage';
export { MessagesPage } from '../features/account/pages/MessagesPage';
export { StartReviewPage, StartInitialPage } from '../features/declaration/pages/StartDeclarationPage';
export { DeclarationPage } from '../features/declaration/pages/DeclarationPage';
export { MyDeclarationsPage } from '../features/declaration/pages/MyDeclarationsPage';
export { MyCertificatesPage } from '../features/certificate/pages/MyCertificatesPage';
export { CertificateApplyPage } from '../features/certificate/pages/CertificateApplyPage';
