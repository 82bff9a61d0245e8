import type { ComponentChildren } from 'preact';
import { ErrorBoundary, lazy, LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { useEffect } from 'preact/hooks';
import { api, withQuery } from './api';
import { AuthProvider, can, useAuth } from './auth';
import { Loading, Notice } from './components/ui';
import { ROLE_LABELS } from './format';
import { AccountPage } from './pages/account';
import { Login } from './pages/login';
import type { AreaBrief } from './types';

// Each page is its own chunk: the dashboard does not carry the forms' code over a slow line.
const Dashboard = lazy(() => import('./pages/dashboard').then((m) => m.Dashboard));
const Workspace = lazy(() => import('./pages/workspace').then((m) => m.Workspace));
const SubjectEditor = lazy(() => import('./pages/subject-editor').then((m) => m.SubjectEditor));
const EvaluationPage = lazy(() => import('./pages/evaluation').then((m) => m.EvaluationPage));
const Review = lazy(() => import('./pages/review').then((m) => m.Review));
const Admin = lazy(() => import('./pages/admin').then((m) => m.Admin));
const ImportPage = lazy(() => import('./pages/import').then((m) => m.ImportPage));
const TrainingPage = lazy(() => import('./pages/training').then((m) => m.TrainingPage));
const CoursePage = lazy(() => import('./pages/training/course').then((m) => m.CoursePage));

/** Where each role starts: officers in their commune's workspace, everyone else on a dashboard. */
function Home() {
  const { user } = useAuth();
  const { route } = useLocation();
  useEffect(() => {
    if (!user) return;
    if (user.role === 'officer' && user.scopeAreaCode) {
      route(`/xa/${user.scopeAreaCode}`, true);
    } else if (user.scopeAreaCode) {
      route(withQuery('/tong-quan', { area: user.scopeAreaCode }), true);
    } else {
      // A national administrator: start at the first province.
      void api.get<AreaBrief[]>('/areas', { level: 'province' }).then((provinces) => {
        route(withQuery('/tong-quan', { area: provinces[0]?.code }), true);
      });
    }
  }, [user, route]);
  return <Loading what="trang chủ" />;
}

function NotFound() {
  return (
    <Notice kind="error">
      Không có trang này. <a href="/">Về trang chủ</a>
    </Notice>
  );
}

function Shell({ children }: { children: ComponentChildren }) {
  const { user, signOut } = useAuth();
  const { path } = useLocation();
  if (!user) return <>{children}</>;
  const links = [
    { href: '/', label: 'Trang chủ', show: true },
    {
      href: withQuery('/tong-quan', { area: user.scopeAreaCode }),
      label: 'Tổng quan',
      show: user.role !== 'officer' || Boolean(user.scopeAreaCode),
    },
    {
      href: user.role === 'officer' ? `/xa/${user.scopeAreaCode}` : '/duyet',
      label: user.role === 'officer' ? 'Hồ sơ của xã' : 'Duyệt hồ sơ',
      show: user.role !== 'viewer',
    },
    {
      href: withQuery('/tap-huan', { area: user.scopeAreaCode }),
      label: 'Tập huấn',
      show: Boolean(user.scopeAreaCode),
    },
    { href: '/quan-tri', label: 'Quản trị', show: can.administer(user) },
  ];
  return (
    <>
      <a class="skip" href="#main">
        Bỏ qua, đến nội dung chính
      </a>
      <header class="top">
        <a class="brand" href="/">
          Mô hình học tập
        </a>
        <nav aria-label="Chính">
          {links
            .filter((link) => link.show)
            .map((link) => (
              <a
                key={link.label}
                href={link.href}
                aria-current={path === link.href.split('?')[0] ? 'page' : undefined}
              >
                {link.label}
              </a>
            ))}
        </nav>
        <div class="who">
          <a href="/tai-khoan" aria-current={path === '/tai-khoan' ? 'page' : undefined}>
            {user.username} · {ROLE_LABELS[user.role]}
          </a>
          <button type="button" class="link" onClick={signOut}>
            Đăng xuất
          </button>
        </div>
      </header>
      <main id="main">{children}</main>
    </>
  );
}

function Routes() {
  const { user } = useAuth();
  if (!user) return <Login />;
  if (user.mustChangePassword) {
    return (
      <main id="main">
        <AccountPage forced />
      </main>
    );
  }
  return (
    <Shell>
      <ErrorBoundary>
        <Router>
          <Route path="/" component={Home} />
          <Route path="/tong-quan" component={Dashboard} />
          <Route path="/xa/:commune" component={Workspace} />
          <Route path="/doi-tuong/:kind/:code" component={SubjectEditor} />
          <Route path="/danh-gia/:kind/:code/:year" component={EvaluationPage} />
          <Route path="/duyet" component={Review} />
          <Route path="/quan-tri" component={Admin} />
          <Route path="/nhap" component={ImportPage} />
          <Route path="/tap-huan" component={TrainingPage} />
          <Route path="/tap-huan/lop/:code" component={CoursePage} />
          <Route path="/tai-khoan" component={AccountPage} />
          <Route default component={NotFound} />
        </Router>
      </ErrorBoundary>
    </Shell>
  );
}

export function App() {
  return (
    <LocationProvider>
      <AuthProvider>
        <Routes />
      </AuthProvider>
    </LocationProvider>
  );
}
