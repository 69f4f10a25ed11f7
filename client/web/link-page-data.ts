import type { NominationView } from '../../domain/obligation/compliance-personal-data';
import type { ResolvedReport } from '../../domain/plan/resolved-plan';

/** What `GET /api/links/:token` answers (client/http/routes/link-routes.ts): everything the submission page shows. */
export interface LinkPageData {
  plan: { code: string; title: string; issuer: string };
  milestone: { id: string; title: string; when: string };
  report: Partial<Pick<ResolvedReport, 'title' | 'text' | 'fields' | 'nominations'>> & { id: string };
  unit: { code: string; name: string };
  obligation: { status: string; extension: { by: string; reason: string | null } | null };
  deadline: { dueAt: string; lastDay: string; closeAt?: string; overdue: boolean; text: string };
  acceptsSubmission?: boolean;
  link: { expiresAt: string; linkId: string };
  submissions: Array<{
    version: number;
    receiptNumber: string;
    submittedAt: string;
    submittedBy: string;
    late: boolean;
    nominations: NominationView[];
    attachments: Array<{ name: string; size: number }>;
  }>;
}

/** The API's error answer. */
export interface ApiErrorBody {
  error: { code: string; message: string; field: string | null };
}
