import type { MessageInstance } from 'antd/es/message/interface';
import { message as staticMessage } from 'antd';

/**
 * The antd message API bound to the app's theme and locale. `FeedbackBinder` (inside antd `App`)
 * registers the context-aware instance; code outside React components uses `feedback()`.
 */
let instance: MessageInstance | null = null;

export function bindMessage(m: MessageInstance): void {
  instance = m;
}

export function feedback(): MessageInstance {
  return instance ?? staticMessage;
}
