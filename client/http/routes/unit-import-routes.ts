import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { appendAudit } from '../../../db/audit-log.repository';
import { importPreparedUnits } from '../../../db/import/import-units';
import { readUnitCsv } from '../../../db/import/unit-csv-file';
import { vietnamCivilDate } from '../../../domain/civil-time';
import { ApiError } from '../api-error';
import type { ApiContext, ApiScope } from '../api-options';
import { actorOf } from '../auth/principal';
import { adminOnly, principalOf } from '../auth/require-role';
import { errors } from '../schemas/common-schemas';
import { safeFileName } from './attachment-store';
import { dayParameter } from './unit-routes';

const MAX_CSV_BYTES = 20 * 1024 * 1024;

/** The CSV of a request: the text body (`text/csv`), or the first file of a multipart form. */
async function csvOf(request: FastifyRequest, fallbackName: string): Promise<{ file: string; text: string }> {
  if (!request.isMultipart()) {
    if (typeof request.body !== 'string' || request.body === '') {
      throw new ApiError(400, 'UNIT_CSV_MISSING', 'cần gửi tệp CSV (Content-Type: text/csv hoặc multipart/form-data)');
    }
    return { file: fallbackName, text: request.body };
  }
  const part: MultipartFile | undefined = await request.file({ limits: { fileSize: MAX_CSV_BYTES } });
  if (!part) throw new ApiError(400, 'UNIT_CSV_MISSING', 'biểu mẫu không có tệp CSV nào', 'file');
  const buffer = await part.toBuffer();
  return { file: safeFileName(part.filename) || fallbackName, text: buffer.toString('utf8') };
}

/**
 * `POST /api/units/import` (admin): an agency's units and contacts CSV (the format of `dondoc units import`, in
 * db/import/README.md), sent as `text/csv` or as a multipart file. All or nothing: a refused file writes nothing and
 * the answer lists every problem with its line and column (400). The national list and the reform stay CLI imports.
 */
export function registerUnitImportRoutes(app: ApiScope, api: ApiContext): void {
  app.post<{ Querystring: { validFrom?: string; file?: string } }>(
    '/units/import',
    {
      preHandler: adminOnly,
      bodyLimit: MAX_CSV_BYTES,
      schema: {
        tags: ['Đơn vị'],
        summary: 'Nhập đơn vị và người liên hệ từ tệp CSV của cơ quan (trọn gói: có lỗi thì không ghi gì)',
        consumes: ['text/csv', 'multipart/form-data'],
        'x-bodies': {
          'text/csv': { type: 'string', description: 'tệp CSV (UTF-8), dòng đầu là tên cột' },
          'multipart/form-data': {
            type: 'object',
            required: ['file'],
            properties: { file: { type: 'string', format: 'binary', description: 'tệp CSV' } },
          },
        },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            validFrom: { type: 'string', maxLength: 10, description: 'ngày hiệu lực cho dòng để trống valid_from' },
            file: { type: 'string', maxLength: 200, description: 'tên tệp hiện trong thông báo lỗi' },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['file', 'summary', 'message'],
            properties: {
              file: { type: 'string' },
              summary: {
                type: 'object',
                properties: {
                  createdUnits: { type: 'integer' },
                  createdVersions: { type: 'integer' },
                  endedUnits: { type: 'integer' },
                  successions: { type: 'integer' },
                  contacts: { type: 'integer' },
                },
              },
              timingsMs: { type: 'object', additionalProperties: { type: 'integer' } },
              message: { type: 'string' },
            },
          },
          ...errors(400, 401, 403, 413, 415),
        },
      },
    },
    async (request) => {
      const validFrom = request.query.validFrom
        ? dayParameter(request.query.validFrom, 'validFrom', api.now())
        : undefined;
      const { file, text } = await csvOf(request, safeFileName(request.query.file ?? '') || 'don-vi.csv');
      const input = readUnitCsv(file, text);
      const result = await importPreparedUnits(
        api.db,
        { format: 'csv', files: [file], input, validFrom },
        { today: vietnamCivilDate(api.now()) },
      );
      const s = result.summary;
      await appendAudit(api.db, {
        actor: actorOf(principalOf(request)),
        action: 'units.import',
        entityType: 'units',
        entityId: file,
        after: { format: 'csv', summary: s },
      });
      return {
        file,
        summary: s,
        timingsMs: result.timingsMs,
        message:
          `Đã nhập ${file}: ${s.createdUnits} đơn vị mới, ${s.createdVersions} giai đoạn tên/cấp trên, ` +
          `${s.endedUnits} đơn vị hết hiệu lực, ${s.contacts} người liên hệ.`,
      };
    },
  );
}
