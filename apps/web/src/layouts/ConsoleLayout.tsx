import { createElement, Suspense, useMemo, useState } from 'react';
import { App, Avatar, Breadcrumb, Button, Drawer, Dropdown, Flex, Grid, Layout, Menu, Typography, type MenuProps } from 'antd';
import { DownOutlined, LockOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Navigate, Outlet, matchPath, useLocation, useNavigate } from 'react-router';
import { ORG_TYPE_LABELS, ROLE_LABELS, type Role } from '@zhicheng/contracts';
import { useAuth, useCurrentUser } from '../lib/auth';
import { FullPageSpin } from '../components/FullPageSpin';
import { Brand } from './Brand';
import { MENU_ICONS, type MenuIcon } from './menu-icons';

export interface ConsoleMenuItem {
  path: string;
  label: string;
  icon?: MenuIcon;
  /** Shown only to these roles (default: every role of the console). */
  roles?: readonly Role[];
  /** The menu group it is listed under (申报与审核, 评审, 证书 …); none: at the top. */
  group?: string;
}

/** A page of the console for the breadcrumb: its route pattern, title and menu group. */
export interface ConsoleCrumb {
  pattern: string;
  title: string;
  group?: string;
}

/** Menu entries as real links (open in a new tab works), grouped under their headings. */
function menuItems(menu: ConsoleMenuItem[]): MenuProps['items'] {
  const entry = (m: ConsoleMenuItem) => ({
    key: m.path,
    icon: m.icon && createElement(MENU_ICONS[m.icon]),
    label: <Link to={m.path}>{m.label}</Link>,
  });
  const out: NonNullable<MenuProps['items']> = menu.filter((m) => !m.group).map(entry);
  const groups = [...new Set(menu.filter((m) => m.group).map((m) => m.group!))];
  for (const g of groups) out.push({ type: 'group', key: `group:${g}`, label: g, children: menu.filter((m) => m.group === g).map(entry) });
  return out;
}

/**
 * One layout per console: side menu from the route table, header with user, organisation and 退出.
 * Below antd's `md` breakpoint (phones) the side menu is a drawer opened by the header's menu button.
 */
/** A name an operator trained on the seed systems looks for, and the page (under the console) that does it. */
export interface FunctionAlias {
  name: string;
  path: string;
}

/**
 * 功能搜索: finds a page by its menu name or by the seed systems' function names (证书编号生成, 评委会查询 …). A plain
 * input with the browser's own suggestion list: nothing more for the console shell to load.
 */
function FunctionSearch({ entries }: { entries: FunctionAlias[] }) {
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const go = (text: string): boolean => {
    const v = text.trim();
    const hit = v ? (entries.find((e) => e.name === v) ?? entries.find((e) => e.name.includes(v))) : undefined;
    if (!hit) return false;
    setValue('');
    navigate(hit.path);
    return true;
  };
  return (
    <form
      role="search"
      className="function-search"
      onSubmit={(e) => {
        e.preventDefault();
        go(value);
      }}
    >
      <input
        aria-label="功能搜索"
        placeholder="搜索功能，如 证书编号生成"
        list="console-functions"
        value={value}
        onChange={(e) => {
          // picking a suggestion fills the whole name: go there at once
          if (!(entries.some((x) => x.name === e.target.value) && go(e.target.value))) setValue(e.target.value);
        }}
      />
      <datalist id="console-functions">
        {entries.map((e) => (
          <option key={`${e.name}|${e.path}`} value={e.name} />
        ))}
      </datalist>
    </form>
  );
}

export function ConsoleLayout({
  title,
  base,
  menu: allItems,
  crumbs = [],
  aliases = [],
}: {
  title: string;
  base: string;
  menu: ConsoleMenuItem[];
  crumbs?: ConsoleCrumb[];
  aliases?: FunctionAlias[];
}) {
  const user = useCurrentUser();
  const menu = useMemo(() => allItems.filter((m) => !m.roles || m.roles.includes(user.role)), [allItems, user.role]);
  const { signOut } = useAuth();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  // `md` is undefined before the first measurement: keep the desktop layout until it is known to be narrow.
  const phone = Grid.useBreakpoint().md === false;

  const selected = useMemo(() => {
    const match = [...menu]
      .sort((a, b) => b.path.length - a.path.length)
      .find((m) => location.pathname === m.path || location.pathname.startsWith(m.path + '/'));
    return match?.path ?? base;
  }, [menu, location.pathname, base]);

  // the menu's own names, then the seed's names of pages this user may open
  const functions = useMemo(() => {
    const open = new Set(menu.map((m) => m.path));
    const names = new Set(menu.map((m) => m.label));
    const pageOf = (path: string) => path.split('?')[0]!;
    return [...menu.map((m) => ({ name: m.label, path: m.path })), ...aliases.filter((a) => open.has(pageOf(a.path)) && !names.has(a.name))];
  }, [menu, aliases]);

  const crumb = useMemo(
    () => crumbs.find((c) => matchPath({ path: c.pattern, end: true }, location.pathname)),
    [crumbs, location.pathname],
  );

  const logout = () =>
    modal.confirm({
      title: '确定退出登录吗？',
      okText: '退出',
      cancelText: '取消',
      onOk: async () => {
        try {
          await signOut();
        } finally {
          navigate('/login', { replace: true });
        }
      },
    });

  const go = (to: string) => {
    setDrawerOpen(false);
    navigate(to);
  };
  const navMenu = (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={[selected]}
      items={menuItems(menu)}
      // the entries are links: the drawer only has to close
      onClick={() => setDrawerOpen(false)}
    />
  );

  // Issue 13: an account an administrator created replaces its initial password before anything else (the API
  // answers nothing else until then).
  const passwordPage = `${base}/password`;
  if (user.mustChangePassword && location.pathname !== passwordPage) return <Navigate to={passwordPage} replace />;

  const org = user.organisation;
  return (
    <Layout className="console-layout">
      {phone ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={260}
          closable={false}
          className="console-drawer"
          styles={{ body: { padding: 0, background: '#001529' } }}
        >
          <div className="console-logo" onClick={() => go(base)}>
            <Brand />
          </div>
          {navMenu}
        </Drawer>
      ) : (
        <Layout.Sider theme="dark" width={220} collapsible collapsed={collapsed} onCollapse={setCollapsed} className="console-sider">
          <div className="console-logo" onClick={() => navigate(base)}>
            <Brand />
          </div>
          {navMenu}
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className="console-header">
          <Flex align="center" gap={8} className="console-header-title">
            {phone && (
              <Button
                type="text"
                icon={<MenuOutlined />}
                aria-label="打开菜单"
                data-testid="menu-button"
                onClick={() => setDrawerOpen(true)}
              />
            )}
            {phone ? (
              <Typography.Text strong ellipsis>
                {title}
              </Typography.Text>
            ) : (
              <Breadcrumb
                className="console-breadcrumb"
                items={[
                  { title: <Link to={base}>{title}</Link> },
                  ...(crumb?.group ? [{ title: crumb.group }] : []),
                  ...(crumb && crumb.pattern !== base ? [{ title: crumb.title }] : []),
                ]}
              />
            )}
          </Flex>
          <Flex align="center" gap={phone ? 8 : 16} className="console-header-tools">
            {!phone && <FunctionSearch entries={functions} />}
            {org && !phone && (
              <Typography.Text type="secondary" className="header-org">
                {org.name}（{ORG_TYPE_LABELS[org.type]}）
              </Typography.Text>
            )}
            <Dropdown
              trigger={['click', 'hover']}
              menu={{
                items: [
                  { key: 'profile', icon: <UserOutlined />, label: '个人信息' },
                  { key: 'password', icon: <LockOutlined />, label: '修改密码' },
                  { type: 'divider' },
                  { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
                ],
                onClick: ({ key }) => {
                  if (key === 'logout') logout();
                  else navigate(`${base}/${key}`);
                },
              }}
            >
              <Flex align="center" gap={8} className="header-user" data-testid="header-user">
                <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1677ff' }} />
                <span className="header-user-name">{user.realName}</span>
                {!phone && <Typography.Text type="secondary">{ROLE_LABELS[user.role]}</Typography.Text>}
                <DownOutlined style={{ fontSize: 10 }} />
              </Flex>
            </Dropdown>
          </Flex>
        </Layout.Header>
        <Layout.Content className="console-content">
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
