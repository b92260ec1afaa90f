/**
 * Routes. Vietnamese paths for the citizens' portal (/thu-tuc, /nop-ho-so, /tra-cuu…), /mot-cua
 * for the one-stop back office, /van-ban for official documents and /quan-tri for administration. Every page except the home page
 * is loaded on demand, so a citizen's first visit downloads only what the home page needs.
 */
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { createBrowserRouter, Outlet, RouterProvider } from 'react-router';
import { Loading } from './components/Page';
import { OfficeLayout } from './layouts/OfficeLayout';
import { PortalLayout } from './layouts/PortalLayout';
import { HomePage } from './portal/HomePage';
import { NotFoundPage } from './components/NotFoundPage';

function page(loader: () => Promise<{ default: ComponentType }>) {
  const Component: LazyExoticComponent<ComponentType> = lazy(loader);
  return (
    <Suspense fallback={<Loading />}>
      <Component />
    </Suspense>
  );
}

// One element for the two addresses of a page: moving from one to the other (a new draft moves
// /nop-ho-so/:code to /ho-so-nhap/:id) keeps the page mounted with what was typed, instead of
// mounting a second copy that starts from the saved draft.
const submitPage = page(() => import('./portal/SubmitPage'));
const trackPage = page(() => import('./portal/TrackPage'));

const router = createBrowserRouter([
  {
    element: <PortalLayout />,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/thu-tuc/:code', element: page(() => import('./portal/ProcedurePage')) },
      { path: '/nop-ho-so/:code', element: submitPage },
      { path: '/ho-so-nhap/:draftId', element: submitPage },
      { path: '/da-nop/:code', element: page(() => import('./portal/SubmittedPage')) },
      { path: '/tra-cuu', element: trackPage },
      { path: '/tra-cuu/:code', element: trackPage },
      { path: '/ho-so-cua-toi', element: page(() => import('./portal/MyDossiersPage')) },
      { path: '/ho-so-cua-toi/:code', element: page(() => import('./portal/MyDossierPage')) },
      { path: '/thong-ke', element: page(() => import('./portal/StatsPage')) },
      { path: '/dang-nhap', element: page(() => import('./portal/LoginPage')) },
      { path: '/dang-ky', element: page(() => import('./portal/RegisterPage')) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
  {
    element: <OfficeLayout />,
    children: [
      { path: '/mot-cua', element: page(() => import('./office/OfficeHomePage')) },
      { path: '/mot-cua/tiep-nhan', element: page(() => import('./office/CounterIntakePage')) },
      { path: '/mot-cua/hang-doi/:queue', element: page(() => import('./office/QueuePage')) },
      { path: '/mot-cua/ho-so/:code', element: page(() => import('./office/DossierPage')) },
      { path: '/mot-cua/bang-dieu-khien', element: page(() => import('./office/DashboardPage')) },
      { path: '/van-ban/soan-thao', element: page(() => import('./documents/DraftPage')) },
      { path: '/van-ban/so', element: page(() => import('./documents/RegistersPage')) },
      { path: '/van-ban/den-giay', element: page(() => import('./documents/PaperPage')) },
      { path: '/van-ban/:register', element: page(() => import('./documents/DocumentsRoute')) },
      {
        path: '/quan-tri',
        element: <Outlet />,
        children: [
          { index: true, element: page(() => import('./admin/AdminHomePage')) },
          { path: 'don-vi', element: page(() => import('./admin/UnitsPage')) },
          { path: 'nguoi-dung', element: page(() => import('./admin/UsersPage')) },
          { path: 'thu-tuc', element: page(() => import('./admin/CataloguePage')) },
          { path: 'lich', element: page(() => import('./admin/CalendarPage')) },
          { path: 'chung-thu', element: page(() => import('./admin/TrustPage')) },
        ],
      },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
