/**
 * Test support: the steps that take a Sở Xây dựng draft to its seal, each by the demo account
 * whose step it is (specialist submits, head approves the content, văn thư the form, the leader
 * signs with the demo PIN, the văn thư numbers and seals).
 */
import { DEMO_SIGNING_PIN } from '../db/seed/pki';

export const SXD_TO_SEAL = [
  ['chuyenvien.xd', { type: 'submit' }],
  ['lanhdao.xd', { type: 'approve' }],
  ['vanthu.xd', { type: 'approve' }],
  ['lanhdao.xd', { type: 'sign', pin: DEMO_SIGNING_PIN }],
  ['vanthu.xd', { type: 'number-and-seal' }],
] as const;
