import { IsInt, Max, Min } from 'class-validator';
import { SECURITY_POLICY_BOUNDS, type UpdateSecurityPolicyRequest } from '@zhicheng/contracts';

const B = SECURITY_POLICY_BOUNDS;
const between = (k: keyof typeof B, what: string) => {
  const [min, max] = B[k];
  const message = `${what}应为 ${min}–${max} 之间的整数`;
  return [IsInt({ message }), Min(min, { message }), Max(max, { message })];
};
const apply = (decorators: PropertyDecorator[]): PropertyDecorator => (target, key) => decorators.forEach((d) => d(target, key));

/** the security policy the 安全管理员 sets (bounds in the contracts, shared with the form). */
export class UpdateSecurityPolicyDto implements UpdateSecurityPolicyRequest {
  @apply(between('loginMaxFailures', '连续登录失败锁定次数')) loginMaxFailures: number;
  @apply(between('loginLockMinutes', '锁定时长（分钟）')) loginLockMinutes: number;
  @apply(between('sessionIdleMinutes', '会话空闲超时（分钟）')) sessionIdleMinutes: number;
  @apply(between('sessionAbsoluteHours', '会话最长时长（小时）')) sessionAbsoluteHours: number;
}
