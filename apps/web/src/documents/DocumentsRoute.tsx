/**
 * /van-ban/di and /van-ban/den are the registers on screen; /van-ban/<number> is one document.
 * One route, two pages: react-router cannot tell two parameters apart by their form.
 */
import { useParams } from 'react-router';
import { NotFoundPage } from '../components/NotFoundPage';
import { DocumentDetails } from './DocumentPage';
import { RegisterList } from './DocumentsPage';
import { registerOfPath } from './logic';

export default function DocumentsRoute() {
  const ref = useParams().register;
  const register = registerOfPath(ref);
  if (register) return <RegisterList key={register} register={register} />;
  const id = Number(ref);
  if (/^[0-9]{1,15}$/.test(ref ?? '') && id >= 1) return <DocumentDetails key={id} id={id} />;
  return <NotFoundPage />;
}
