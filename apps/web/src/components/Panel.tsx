import type { CSSProperties, ReactNode } from 'react';

/**
 * A white block like antd's borderless Card, without its weight: Card brings Tabs, Menu and Dropdown (its tab list's
 * overflow menu), which the public pages' first load cannot afford. Used where no card features are needed.
 */
export function Panel({
  title,
  extra,
  className,
  style,
  children,
  ...rest
}: {
  title?: ReactNode;
  extra?: ReactNode;
  className?: string;
  style?: CSSProperties;
  children: ReactNode;
  'data-testid'?: string;
}) {
  return (
    <div className={`panel${className ? ` ${className}` : ''}`} style={style} {...rest}>
      {(title || extra) && (
        <div className="panel-head">
          <div className="panel-title">{title}</div>
          {extra && <div className="panel-extra">{extra}</div>}
        </div>
      )}
      <div className="panel-body">{children}</div>
    </div>
  );
}
