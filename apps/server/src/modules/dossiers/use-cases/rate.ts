/** The applicant's rating of a returned dossier (TT 01/2018 Điều 13–15), recorded with the action. */
import { ratingRow } from '../rating';
import { required, type CommandContext, type Decision } from './command';

export function rate({ state, at, input }: CommandContext): Decision {
  const rating = required(input.rating, 'rating', 'Hãy trả lời các câu hỏi đánh giá.');
  const values = ratingRow(state, rating);
  return {
    rating: values,
    action: { type: 'rated', at, total: values.total, satisfaction: values.satisfaction },
  };
}
