import { forwardRef, useCallback, useEffect, useImperativeHandle, useState } from 'react';
import { Flex, Form, Input } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import type { CaptchaResponse } from '@zhicheng/contracts';
import { authApi } from '../features/auth/api';
import { showError } from '../lib/api';

export interface CaptchaHandle {
  /** The id of the challenge on screen, to send with the form. */
  captchaId: () => string;
  /** Loads a new image (each image allows one try). */
  refresh: () => void;
}

/** Image captcha: the form field `captchaCode` plus the image; click the image for a new one. */
export const CaptchaField = forwardRef<CaptchaHandle, { size?: 'large' | 'middle' }>(function CaptchaField({ size }, ref) {
  const [captcha, setCaptcha] = useState<CaptchaResponse | null>(null);
  const form = Form.useFormInstance();
  const load = useCallback(() => {
    setCaptcha(null);
    authApi
      .captcha()
      .then(setCaptcha)
      .catch((e) => showError(e));
  }, []);
  useEffect(load, [load]);
  useImperativeHandle(
    ref,
    () => ({
      captchaId: () => captcha?.captchaId ?? '',
      refresh: () => {
        form.setFieldValue('captchaCode', '');
        load();
      },
    }),
    [captcha, form, load],
  );
  return (
    <Form.Item label={size === 'large' ? undefined : '验证码'} required>
      <Flex gap={8}>
        <Form.Item name="captchaCode" noStyle rules={[{ required: true, whitespace: true, message: '请输入验证码' }]}>
          <Input size={size} prefix={<SafetyOutlined />} placeholder="验证码" maxLength={8} autoComplete="off" style={{ flex: 1 }} />
        </Form.Item>
        {/* A plain title and placeholder (no Tooltip/Skeleton): the sign-in page's first load stays light. */}
        <button type="button" className="captcha-image" onClick={load} aria-label="刷新验证码" title="看不清？点击换一张">
          {captcha ? (
            <img alt="验证码" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(captcha.svg)}`} width={120} height={40} />
          ) : (
            <span className="captcha-placeholder" />
          )}
        </button>
      </Flex>
    </Form.Item>
  );
});
