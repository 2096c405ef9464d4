import { Button } from 'antd';
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { homeOf, useAuth } from '../lib/auth';
import { Brand } from './Brand';

/**
 * Public pages: header with 证书查询 / 通知公告 and 登录 / 注册 (or the way back to the console). Plain elements, not
 * antd's Layout/Space: this shell is part of every first load.
 */
export function PublicLayout() {
  const { user } = useAuth();
  const navigate = useNavigate();
  return (
    <div className="public-layout">
      <header className="public-header">
        <Link to="/" className="brand-link">
          <Brand />
        </Link>
        <nav className="public-nav">
          <NavLink to="/verify">证书查询</NavLink>
          <NavLink to="/notices">通知公告</NavLink>
          <NavLink to="/publicity" end>申报公示</NavLink>
          <NavLink to="/publicity?tab=result">评审结果公示</NavLink>
        </nav>
        <div className="public-actions">
          {user ? (
            <Button type="primary" onClick={() => navigate(homeOf(user.role))}>
              进入工作台（{user.realName}）
            </Button>
          ) : (
            <>
              <Button type="text" className="header-text-button" onClick={() => navigate('/login')}>
                登录
              </Button>
              <Button type="primary" onClick={() => navigate('/register')}>
                注册
              </Button>
            </>
          )}
        </div>
      </header>
      <main className="public-content">
        <Outlet />
      </main>
      <footer className="public-footer">职称申报评审系统 · 开源项目 · 仅供演示与学习</footer>
    </div>
  );
}
