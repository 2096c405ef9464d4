import { MESSAGE_EVENTS, type MessageEvent } from '@zhicheng/contracts';

/** The system's name at the head of every e-mail and in SMS template parameters. */
export const SYSTEM_NAME = '职称申报评审系统';

/**
 * X-05 templates: every message names its business event in Chinese. E-mail: subject `【忘记密码】重置密码 - 职称申报评审系统`
 * and a plain-text body with a closing line; SMS: the event's template (`SMS_TEMPLATES`, else `SMS_TEMPLATE_CODE`) with
 * the parameters `event` (事件名称) and `content` (正文).
 */
export function eventLabel(event: string): string {
  return MESSAGE_EVENTS[event as MessageEvent] ?? MESSAGE_EVENTS.notice;
}

export function renderEmail(m: { event: string; subject: string; body: string }): { subject: string; text: string } {
  const label = eventLabel(m.event);
  return {
    subject: `【${label}】${m.subject} - ${SYSTEM_NAME}`,
    text: `您好：\n\n${m.body}\n\n（本邮件由${SYSTEM_NAME}自动发送，事件：${label}，请勿直接回复。）\n`,
  };
}

export function renderSms(m: { event: string; body: string }, templates: Record<string, string>, defaultTemplate: string): { templateCode: string; param: Record<string, string> } {
  return { templateCode: templates[m.event] ?? defaultTemplate, param: { event: eventLabel(m.event), content: m.body.slice(0, 300) } };
}
