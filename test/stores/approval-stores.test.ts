import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { fileApprovalStore, memoryApprovalStore, type ApprovalStore } from '../../src/index.js';
import { approvalStoreContract } from './approval-store-contract.js';

const stores: Array<[string, () => ApprovalStore]> = [
  ['memoryApprovalStore', () => memoryApprovalStore()],
  ['fileApprovalStore', () => fileApprovalStore(join(mkdtempSync(join(tmpdir(), 'aw-approvals-')), 'approvals.json'))],
];

describe.each(stores)('%s keeps the ApprovalStore contract', (_name, makeStore) => approvalStoreContract(makeStore));

