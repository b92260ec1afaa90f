import type { Messages } from '../types';
import type vi from '../vi/admin';

export default {
  title: 'admin',
} satisfies Messages<typeof vi>;
