import type { Messages } from '../types';
import type vi from '../vi/stats';

export default {
  title: 'Statistics',
} satisfies Messages<typeof vi>;
