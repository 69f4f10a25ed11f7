import type { FastifyRequest } from 'fastify';
import { insertAttachments, listAttachments } from '../../../db/attachment.repository';
import { appendAudit, listAudit } from '../../../db/audit-log.repository';
import { listSubmissions } from '../../../db/obligation.repository';
import { findSubmissionByReceipt } from '../../../db/obligation-view.repository';
import { formatVietnamInstant, parseInstant } from '../../../domain/civil-time';
import type { AcceptedSubmission, Nomination, SubmissionAttachment } from '../../../domain/obligation/submission';
import { submitReportUpdate } from '../../../workflows/unit-milestone';
import { ApiError, notFound } from '../api-error';
import type { ApiContext, ApiScope } from '../api-options';
import { reporterFromLink } from '../auth/link-access';
import { actorOf, type Principal } from '../auth/principal';
import { errors } from '../schemas/common-schemas';
import { instantOf } from '../instant';
import { obligationJson, submissionJson } from '../views/obligation-json';
import { toNfc } from '../nfc-text';
import { discardUnreferencedUploads, storeAttachment } from './attachment-store';
import { isFinal, loadObligation, type ObligationContext } from './obligation-context';
import { timeLeft } from './time-left';

type Reporter = Extract<Principal, { role: 'reporter' }>;

declare module 'fastify' {
  interface FastifyRequest {
    /** Files of a multipart submission, stored before the body is validated. */
    uploads?: SubmissionAttachment[];
    /** The sha256 of the files this request wrote (not already stored), discarded if it is refused. */
    createdUploads?: string[];
    /** Set once the workflow has accepted the submission: from then on its files are kept whatever happens. */
    submissionAccepted?: boolean;
  }
}

export interface SubmissionBody {
  submittedBy: string;
  text?: string;
  fields?: Record<string, string | number | boolean>;
  nominations?: Nomination[];
}

const tokenParams = {
  type: 'object',
  required: ['token'],
  properties: { token: { type: 'string', minLength: 1, maxLength: 2000 } },
} as const;

const submissionBodySchema = {
  type: 'object',
  required: ['submittedBy'],
  additionalProperties: false,
  properties: {
    submittedBy: { type: 'string', minLength: 1, maxLength: 200, description: 'họ tên người nộp' },
    text: { type: 'string', maxLength: 50000 },
    fields: {
      type: 'object',
      additionalProperties: { type: ['string', 'number', 'boolean'] },
    },
    nominations: { type: 'array', maxItems: 100, items: { $ref: 'Nomination#' } },
  },
} as const;

/** The reporter a request's link speaks for; 403 for a forged, expired or revoked link. */
async function linkReporter(api: ApiContext, request: FastifyRequest<{ Params: { token: string } }>) {
  const reporter = await reporterFromLink(api.db, request.params.token, api.linkSecret(), api.now());
  request.principal = reporter;
  return reporter;
}

/** The link's obligation; 403 LINK_WRONG_UNIT when the link's unit is not the one that answers for it. */
async function linkObligation(api: ApiContext, reporter: Reporter): Promise<ObligationContext> {
  const context = await loadObligation(api, reporter.link.obligationId);
  const { obligation } = context;
  if (reporter.link.unitCode !== obligation.unit_code && reporter.link.unitCode !== obligation.assigned_unit_code) {
    throw new ApiError(
      403,
      'LINK_WRONG_UNIT',
      `liên kết của đơn vị ${reporter.link.unitCode} không dùng được cho báo cáo của ${obligation.unit_name}`,
      'token',
    );
  }
  return context;
}

/**
 * A multipart submission: the `submission` field is the JSON body, each file part an attachment stored at once
 * (type checked, size limited by the parser). Runs after the link is verified, so strangers cannot fill the disk.
 */
async function readMultipartSubmission(api: ApiContext, request: FastifyRequest): Promise<void> {
  if (!request.isMultipart()) return;
  const uploads: SubmissionAttachment[] = [];
  const created: string[] = [];
  request.createdUploads = created;
  let body: unknown;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const file = { filename: part.filename, file: part.file };
      uploads.push(await storeAttachment(api.dataDir, file, (sha256) => created.push(sha256)));
    } else if (part.fieldname === 'submission') {
      try {
        body = JSON.parse(String(part.value));
      } catch {
        throw new ApiError(400, 'BODY_INVALID', 'trường "submission" phải là JSON của báo cáo', 'submission');
      }
    }
  }
  if (body === undefined) {
    throw new ApiError(400, 'BODY_INVALID', 'biểu mẫu thiếu trường "submission" (JSON của báo cáo)', 'submission');
  }
  request.uploads = uploads;
  request.body = body;
}

/**
 * The reporter's side, through the signed link in their reminders (no account): `GET /api/links/:token` is what the
 * submission page shows — plan, milestone, the report's form, the deadline and time left, earlier submissions;
 * `POST /api/links/:token/submission` submits (JSON, or multipart with attachments) as a Temporal Update: a late
 * submission is accepted and marked late, a rejection is 422 with the workflow's reason; `GET
 * /api/links/:token/submissions/:receipt` shows one receipt of this obligation.
 */
export function registerLinkRoutes(app: ApiScope, api: ApiContext): void {
  app.get<{ Params: { token: string } }>(
    '/links/:token',
    {
      schema: {
        tags: ['Liên kết nộp báo cáo'],
        summary: 'Trang nộp báo cáo: kế hoạch, mốc, mẫu báo cáo, hạn, thời gian còn lại, các lần đã nộp',
        security: [],
        params: tokenParams,
        response: {
          200: {
            type: 'object',
            required: ['plan', 'milestone', 'report', 'unit', 'obligation', 'deadline', 'link', 'submissions'],
            properties: {
              plan: {
                type: 'object',
                properties: { code: { type: 'string' }, title: { type: 'string' }, issuer: { type: 'string' } },
              },
              milestone: {
                type: 'object',
                properties: { id: { type: 'string' }, title: { type: 'string' }, when: { type: 'string' } },
              },
              report: { type: 'object', additionalProperties: true },
              unit: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' } } },
              obligation: { $ref: 'Obligation#' },
              deadline: {
                type: 'object',
                required: ['dueAt', 'lastDay', 'overdue', 'text'],
                properties: {
                  dueAt: { type: 'string' },
                  lastDay: { type: 'string' },
                  closeAt: { type: 'string' },
                  msLeft: { type: 'integer' },
                  overdue: { type: 'boolean' },
                  text: { type: 'string', example: 'còn 3 ngày 4 giờ' },
                },
              },
              acceptsSubmission: { type: 'boolean' },
              link: { type: 'object', properties: { expiresAt: { type: 'string' }, linkId: { type: 'string' } } },
              submissions: { type: 'array', items: { $ref: 'Submission#' } },
            },
          },
          ...errors(403, 404),
        },
      },
    },
    async (request) => {
      const reporter = await linkReporter(api, request);
      const context = await linkObligation(api, reporter);
      const { obligation } = context;
      const [submissions, attachments] = await Promise.all([
        listSubmissions(api.db, obligation.id),
        listAttachments(api.db, obligation.id),
      ]);
      const dueAt = instantOf(obligation.due_at);
      const msLeft = parseInstant(dueAt) - api.now();
      return {
        plan: { code: context.plan.code, title: context.plan.title, issuer: context.plan.issuer },
        milestone: {
          id: obligation.milestone_id,
          title: context.milestone?.title ?? obligation.milestone_id,
          when: context.milestone?.when ?? '',
        },
        report: context.report
          ? {
              id: context.report.id,
              title: context.report.title,
              text: context.report.text,
              fields: context.report.fields,
              nominations: context.report.nominations ?? null,
            }
          : { id: obligation.report_id },
        unit: { code: reporter.link.unitCode, name: obligation.unit_name },
        obligation: obligationJson(obligation),
        deadline: {
          dueAt,
          lastDay: formatVietnamInstant(parseInstant(dueAt) - 1000).slice(0, 10),
          closeAt: context.closeAt,
          msLeft,
          overdue: msLeft <= 0,
          text: timeLeft(msLeft),
        },
        acceptsSubmission: !isFinal(obligation) && api.now() < parseInstant(context.closeAt),
        link: { expiresAt: reporter.link.expiresAt, linkId: reporter.link.linkId },
        submissions: submissions.map((row) => submissionJson(row, obligation, reporter, attachments)),
      };
    },
  );

  app.post<{ Params: { token: string }; Body: SubmissionBody }>(
    '/links/:token/submission',
    {
      preValidation: async (request) => {
        await linkReporter(api, request);
        await readMultipartSubmission(api, request);
      },
      // A refused submission (bad body, a later file of the wrong type, the workflow's validator, Temporal down)
      // leaves none of the files it stored.
      onSend: async (request, reply, payload) => {
        if (reply.statusCode >= 400 && !request.submissionAccepted) {
          await discardUnreferencedUploads(api.db, api.dataDir, request.createdUploads ?? []);
        }
        return payload;
      },
      schema: {
        tags: ['Liên kết nộp báo cáo'],
        summary: 'Nộp báo cáo (JSON, hoặc multipart: trường "submission" là JSON, kèm các tệp đính kèm)',
        security: [],
        consumes: ['application/json', 'multipart/form-data'],
        params: tokenParams,
        headers: {
          type: 'object',
          properties: {
            'idempotency-key': {
              type: 'string',
              pattern: '^[A-Za-z0-9_-]{8,100}$',
              description:
                'Khoá chống gửi trùng (8–100 ký tự A–Z, a–z, 0–9, _ và -): gửi lại cùng khoá khi mất câu trả lời thì nhận lại đúng biên nhận cũ, không tạo bản nộp mới',
            },
          },
        },
        'x-bodies': {
          'application/json': submissionBodySchema,
          'multipart/form-data': {
            type: 'object',
            required: ['submission'],
            properties: {
              submission: { type: 'string', description: 'JSON của báo cáo, như thân application/json' },
              attachments: {
                type: 'array',
                maxItems: 10,
                items: { type: 'string', format: 'binary' },
                description: 'pdf, doc, docx, xls, xlsx, jpg, png',
              },
            },
          },
        },
        body: submissionBodySchema,
        response: {
          201: {
            type: 'object',
            required: ['receiptNumber', 'submittedAt', 'version', 'late', 'message'],
            properties: {
              receiptNumber: { type: 'string' },
              submittedAt: { type: 'string' },
              version: { type: 'integer' },
              late: { type: 'boolean' },
              attachments: { type: 'array', items: { $ref: 'Attachment#' } },
              message: { type: 'string' },
            },
          },
          ...errors(400, 403, 404, 409, 413, 415, 422, 503),
        },
      },
    },
    async (request, reply) => {
      const reporter = request.principal as Reporter;
      const context = await linkObligation(api, reporter);
      const { obligation } = context;
      if (isFinal(obligation)) {
        throw new ApiError(409, 'SUBMISSION_CLOSED', 'báo cáo này đã đóng, không nhận thêm', 'token');
      }
      const attachments = request.uploads ?? [];
      const body = toNfc(request.body);
      const key = request.headers['idempotency-key'];
      const accepted = await api.temporal.workflow.getHandle(obligation.workflow_id).executeUpdate(submitReportUpdate, {
        // The same key is the same Update: Temporal answers a repeat with the first outcome, accepting nothing new.
        ...(typeof key === 'string' ? { updateId: `submit/${reporter.link.linkId}/${key}` } : {}),
        args: [
          {
            unitCode: reporter.link.unitCode,
            milestoneId: obligation.milestone_id,
            reportId: obligation.report_id,
            submittedBy: body.submittedBy,
            ...(body.text !== undefined ? { text: body.text } : {}),
            ...(body.fields ? { fields: body.fields } : {}),
            ...(body.nominations ? { nominations: body.nominations } : {}),
            ...(attachments.length ? { attachments } : {}),
          },
        ],
      });
      request.submissionAccepted = true;
      if (!(await isRecordedReceipt(api, obligation.id, accepted.receiptNumber))) {
        await recordAcceptedSubmission(api, reporter, context, attachments, accepted);
      }
      return reply.code(201).send(receiptJson(accepted, attachments));
    },
  );

  app.get<{ Params: { token: string; receipt: string } }>(
    '/links/:token/submissions/:receipt',
    {
      schema: {
        tags: ['Liên kết nộp báo cáo'],
        summary: 'Xem một biên nhận của báo cáo này',
        security: [],
        params: {
          type: 'object',
          required: ['token', 'receipt'],
          properties: { token: tokenParams.properties.token, receipt: { type: 'string', maxLength: 100 } },
        },
        response: { 200: { $ref: 'Submission#' }, ...errors(403, 404) },
      },
    },
    async (request) => {
      const reporter = await linkReporter(api, request);
      await linkObligation(api, reporter);
      const found = await findSubmissionByReceipt(api.db, request.params.receipt);
      if (!found) throw notFound('SUBMISSION_NOT_FOUND', `không có biên nhận số ${request.params.receipt}`, 'receipt');
      if (found.obligation.id !== reporter.link.obligationId) {
        throw new ApiError(403, 'OUT_OF_SCOPE', 'biên nhận này không thuộc báo cáo của liên kết', 'receipt');
      }
      return submissionJson(
        found.submission,
        found.obligation,
        reporter,
        await listAttachments(api.db, found.obligation.id),
      );
    },
  );
}

/** Whether a receipt's submission was recorded here already: the repeat of a request with the same key. */
async function isRecordedReceipt(api: ApiContext, obligationId: string, receiptNumber: string): Promise<boolean> {
  const trail = await listAudit(api.db, 'obligation', obligationId);
  return trail.some(
    (entry) =>
      entry.action === 'submission.create' &&
      (entry.after as { receiptNumber?: string } | null)?.receiptNumber === receiptNumber,
  );
}

/** The files and the audit entry of a submission the workflow accepted. */
async function recordAcceptedSubmission(
  api: ApiContext,
  reporter: Reporter,
  { obligation }: ObligationContext,
  attachments: SubmissionAttachment[],
  accepted: AcceptedSubmission,
): Promise<void> {
  await insertAttachments(
    api.db,
    attachments.map((file) => ({
      obligation_id: obligation.id,
      receipt_number: accepted.receiptNumber,
      link_id: reporter.link.linkId,
      sha256: file.sha256,
      file_name: file.name,
      content_type: file.contentType,
      size_bytes: file.size,
    })),
  );
  await appendAudit(api.db, {
    actor: actorOf(reporter),
    action: 'submission.create',
    entityType: 'obligation',
    entityId: obligation.id,
    before: { status: obligation.status, submissionVersion: obligation.submission_version },
    after: {
      receiptNumber: accepted.receiptNumber,
      version: accepted.version,
      late: accepted.late,
      attachments: attachments.map((file) => file.sha256),
    },
  });
}

/** The receipt as the unit reads it. */
function receiptJson(accepted: AcceptedSubmission, attachments: SubmissionAttachment[]) {
  const when =
    accepted.submittedAt.slice(11, 16) + ' ngày ' + accepted.submittedAt.slice(0, 10).split('-').reverse().join('/');
  return {
    receiptNumber: accepted.receiptNumber,
    submittedAt: accepted.submittedAt,
    version: accepted.version,
    late: accepted.late,
    attachments,
    message: accepted.late
      ? `Đã nhận báo cáo lúc ${when} — nộp muộn so với hạn. Số biên nhận: ${accepted.receiptNumber}.`
      : `Đã nhận báo cáo lúc ${when}, đúng hạn. Số biên nhận: ${accepted.receiptNumber}.`,
  };
}
