/** The figures every statistics table and chart shows: the domain's, from a Biểu 06 row. */
import type { Figures } from '@tayninh/domain/stats/report-06';

export { figuresOf, sumFigures, type Figures } from '@tayninh/domain/stats/report-06';

export interface NamedFigures extends Figures {
  key: string | number;
  name: string;
}
