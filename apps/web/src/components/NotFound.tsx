import { Button, Result } from 'antd';

/** The 404 page (its own chunk: antd's Result carries large illustrations). */
export function NotFound() {
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="您访问的页面不存在或已被移除。"
      extra={
        <Button type="primary" href="/">
          返回首页
        </Button>
      }
    />
  );
}
