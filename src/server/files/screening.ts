/**
 * Every upload passes clamd before anyone else sees it (CLAMAV_URL; docs/security.md). A clean file
 * is stored as usual; an infected one is refused (`file_infected`), audited and logged as a warning,
 * and never stored; while clamd cannot be reached a visitor's file is stored as pending — shown to
 * nobody but the sender's "being checked" — and scanned again by the files and inbox jobs until
 * clamd gives a verdict. Without CLAMAV_URL nothing is scanned and every file is clean.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { AuditLog } from '../audit/audit-log';
import { AppError } from '../errors';
import { ScannerUnavailable, ScanRefused, type ScanVerdict, type VirusScanner } from './virus-scan';

export type ScanStatus = 'pending' | 'clean';

/** What the file was sent with, for the audit entry and the log line (never its name or bytes). */
export interface ScannedFileContext {
  deskId: string;
  /** The conversation or left message; none for a message still being left. */
  target?: { type: 'conversation' | 'left_message'; id: string };
}

export class UploadScreening {
  constructor(
    private readonly scanner: VirusScanner | null,
    private readonly audit: AuditLog,
    private readonly log: FastifyBaseLogger,
  ) {}

  get enabled(): boolean {
    return this.scanner !== null;
  }

  /**
   * At upload: clean, or pending when clamd cannot answer now; an infected file throws
   * `file_infected`, one clamd refuses to check `file_unreadable`.
   */
  async screen(bytes: Buffer, context: ScannedFileContext): Promise<ScanStatus> {
    const verdict = await this.verdict(bytes);
    if (!verdict) return 'pending';
    if (verdict === 'refused') throw new AppError('file_unreadable');
    if (!verdict.clean) {
      await this.recordInfected(verdict.signature, context);
      throw new AppError('file_infected');
    }
    return 'clean';
  }

  /** The verdict on a pending file, `refused` when clamd will never check it, or null while clamd still cannot answer. */
  async verdict(bytes: Buffer): Promise<ScanVerdict | 'refused' | null> {
    if (!this.scanner) return { clean: true };
    try {
      return await this.scanner.scan(bytes);
    } catch (error) {
      if (error instanceof ScanRefused) {
        this.log.warn({ reason: error.message }, 'virus scan: clamd will not check the file (over its size limit), so it is refused');
        return 'refused';
      }
      if (!(error instanceof ScannerUnavailable)) throw error;
      this.log.warn({ reason: error.message }, 'virus scan: clamd unavailable, the file stays pending');
      return null;
    }
  }

  async recordInfected(signature: string, context: ScannedFileContext): Promise<void> {
    this.log.warn({ signature, target: context.target }, 'virus scan: infected upload refused');
    await this.audit.record({ deskId: context.deskId, actor: null, action: 'file.infected', ...(context.target && { target: context.target }), detail: { signature } });
  }
}
