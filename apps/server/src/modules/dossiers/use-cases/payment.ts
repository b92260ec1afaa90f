/**
 * Fees and charges: the handling agency states the amount; the one-stop shop (or, later, the
 * payments system as a system actor acting for it) confirms the payment.
 */
import { required, type CommandContext, type Decision } from './command';

export function requestPayment({ at, input }: CommandContext): Decision {
  return {
    action: {
      type: 'payment_requested',
      at,
      amountVnd: required(input.amountVnd, 'amountVnd', 'Hãy nhập số tiền phải nộp (đồng).'),
    },
  };
}

export function confirmPayment({ row, at }: CommandContext): Decision {
  return { actorUnit: row.receiving_unit_id, action: { type: 'payment_confirmed', at } };
}
