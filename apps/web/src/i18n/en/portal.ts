import type { Messages } from '../types';
import type vi from '../vi/portal';

export default {
  title: 'portal',
} satisfies Messages<typeof vi>;
