/**
 * The case code this device was given for its conversation, kept beside the session so a reload
 * shows the same code (the server keeps only its hash). Asking again would replace it.
 */
import * as z from 'zod/mini';
import { caseCodeResponseSchema, type CaseCodeResponse } from '../../../shared/wire/handoff';
import { readJson, writeJson, type KeyValueStorage } from '../../common/storage';
import { CASE_CODE_KEY } from '../session';

const storedSchema = z.object({ token: z.string(), caseCode: caseCodeResponseSchema });

export function readCaseCode(storage: KeyValueStorage, token: string): CaseCodeResponse | null {
  const stored = storedSchema.safeParse(readJson(storage, CASE_CODE_KEY));
  return stored.success && stored.data.token === token ? stored.data.caseCode : null;
}

export function writeCaseCode(storage: KeyValueStorage, token: string, caseCode: CaseCodeResponse): void {
  writeJson(storage, CASE_CODE_KEY, { token, caseCode });
}
