/** The shell: sign-in when nobody is, else the header and the area of the person's role, loaded on demand. */
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Button, Layout, Result, Space, Spin, Typography } from 'antd';
import { useLang } from '../i18n/lang';
import { ROLE_TERMS, term } from '../i18n/terms';
import { Login } from '../pages/Login';
import { LangSwitch } from './lang-switch';
import { Link, matchPath, navigate, usePath } from './router';
import { useMe, useSignOut } from './session';
import type { Me } from '../api/views';

const UnitArea = lazy(() => import('../pages/unit/UnitArea'));
const LeaderArea = lazy(() => import('../pages/leader/LeaderArea'));
const ProvinceArea = lazy(() => import('../pages/province/ProvinceArea'));
const ApproverArea = lazy(() => import('../pages/approver/ApproverArea'));
const AuditorArea = lazy(() => import('../pages/auditor/AuditorArea'));
const StandingsPage = lazy(() => import('../pages/standings/StandingsPage'));

/** The home page of each role, in the order a person holding several sees them. */
export function homeOf(me: Me): string {
  if (me.roles.includes('province')) return '/province';
  if (me.roles.includes('leader')) return '/leader';
  if (me.roles.includes('unit') && me.unitId) return `/unit/${encodeURIComponent(me.unitId)}`;
  if (me.roles.includes('approver')) return '/approver';
  if (me.roles.includes('auditor')) return '/auditor';
  return '/standings';
}

function Refused() {
  const { t } = useLang();
  return (
    <Result
      status="403"
      title={t('Không có quyền')}
      subTitle={t('Trang này không thuộc vai trò hoặc đơn vị của bạn.')}
      extra={<Link to="/">{t('Về trang của tôi')}</Link>}
    />
  );
}

function Routes({ me }: { me: Me }) {
  const current = usePath();
  const home = current === '/' || current === '/login';
  // The root opens the person's home page: the address says so too, without a history entry.
  useEffect(() => {
    if (home) window.history.replaceState(null, '', homeOf(me));
  }, [home, me]);
  const path = home ? homeOf(me) : current;
  const has = (role: string) => me.roles.includes(role);
  const guard = (ok: boolean, page: ReactNode) => (ok ? page : <Refused />);
  const unit = matchPath('/unit/:unitId', path);
  if (unit) return guard(has('unit') && me.unitId === unit.unitId, <UnitArea me={me} unitId={unit.unitId!} />);
  if (matchPath('/leader', path)) return guard(has('leader'), <LeaderArea me={me} />);
  if (matchPath('/province', path)) return guard(has('province'), <ProvinceArea me={me} />);
  if (matchPath('/approver', path)) return guard(has('approver'), <ApproverArea />);
  if (matchPath('/auditor', path)) return guard(has('auditor'), <AuditorArea />);
  const standings = matchPath('/standings/:cycleId?', path);
  if (standings) return <StandingsPage cycleId={standings.cycleId} />;
  return <Result status="404" title={t404()} extra={<Link to="/">←</Link>} />;
}

const t404 = () => (document.documentElement.lang === 'en' ? 'Page not found' : 'Không tìm thấy trang');

function Header({ me }: { me: Me }) {
  const { t, lang } = useLang();
  const signOut = useSignOut();
  return (
    <Layout.Header className="app-header">
      <Link to="/" className="app-brand">
        {t('Thi đua – khen thưởng')}
      </Link>
      <nav aria-label={t('Điều hướng')} className="app-nav">
        <Link to={homeOf(me)}>{t('Trang của tôi')}</Link>
        <Link to="/standings">{t('Bảng xếp hạng')}</Link>
      </nav>
      <Space className="app-user" wrap>
        <span className="app-user-name" data-testid="signed-in-name">
          {me.name}
          <Typography.Text className="app-user-role">
            {me.roles.map((r) => term(ROLE_TERMS, r, lang)).join(', ')}
          </Typography.Text>
        </span>
        <LangSwitch />
        <Button
          size="small"
          onClick={async () => {
            await signOut();
            navigate('/login');
          }}
        >
          {t('Đăng xuất')}
        </Button>
      </Space>
    </Layout.Header>
  );
}

export function App() {
  const me = useMe();
  const { t } = useLang();
  if (me.isPending) return <Spin fullscreen description={t('Đang tải')} />;
  if (!me.data) {
    return (
      <>
        <LangSwitchCorner />
        <Login />
      </>
    );
  }
  return (
    <Layout className="app">
      <Header me={me.data} />
      <Layout.Content className="app-content">
        <main>
          <Suspense fallback={<Spin description={t('Đang tải')} />}>
            <Routes me={me.data} />
          </Suspense>
        </main>
      </Layout.Content>
    </Layout>
  );
}

function LangSwitchCorner() {
  return (
    <div className="login-lang">
      <LangSwitch />
    </div>
  );
}
