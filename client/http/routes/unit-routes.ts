import { listUnitContacts } from '../../../db/unit-contact.repository';
import { listPredecessors, listSuccessors } from '../../../db/unit-succession.repository';
import { listAncestorsAt, listChildUnitsAt } from '../../../db/unit-tree.repository';
import { getUnitAt } from '../../../db/unit.repository';
import { vietnamCivilDate, type CivilDate } from '../../../domain/civil-time';
import { parseUserDate } from '../../../domain/units/user-date';
import { ApiError } from '../api-error';
import type { ApiContext, ApiScope } from '../api-options';
import { assertInScope } from '../auth/leader-scope';
import { principalOf, staffOnly } from '../auth/require-role';
import { codeParam, errors } from '../schemas/common-schemas';
import { atQuery, contactSchema, successionSchema, unitSchema } from '../schemas/unit-schemas';

/** A `?at=` or `validFrom` value as a civil date; 400 naming the parameter when it is not a day. */
export function dayParameter(text: string | undefined, name: string, nowMs: number): CivilDate {
  if (text === undefined || text === '') return vietnamCivilDate(nowMs);
  const parsed = parseUserDate(text);
  if ('error' in parsed) throw new ApiError(400, 'DATE_INVALID', `"${name}": ${parsed.error}`, name);
  return parsed.date;
}

const codeParams = { type: 'object', properties: { code: codeParam }, required: ['code'] } as const;

/**
 * Reading units (admin, and leaders within their subtree): `GET /api/units/:code?at=` shows a unit as it stood on a
 * day — its parents, children, predecessors, successors and contacts, like `dondoc units show` — and
 * `GET /api/units/:code/children?at=` lists its children. A code not in force that day is 404 saying when it was.
 */
export function registerUnitRoutes(app: ApiScope, api: ApiContext): void {
  app.get<{ Params: { code: string }; Querystring: { at?: string } }>(
    '/units/:code',
    {
      preHandler: staffOnly,
      schema: {
        tags: ['Đơn vị'],
        summary: 'Một đơn vị tại một ngày: cấp trên, cấp dưới, tiền thân, kế thừa, người liên hệ',
        params: codeParams,
        querystring: atQuery,
        response: {
          200: {
            type: 'object',
            required: ['at', 'unit', 'ancestors', 'children', 'predecessors', 'successors', 'contacts'],
            properties: {
              at: { type: 'string' },
              unit: unitSchema,
              ancestors: { type: 'array', items: unitSchema },
              children: { type: 'array', items: unitSchema },
              predecessors: { type: 'array', items: successionSchema },
              successors: { type: 'array', items: successionSchema },
              contacts: { type: 'array', items: contactSchema },
            },
          },
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const at = dayParameter(request.query.at, 'at', api.now());
      await assertInScope(api.db, principalOf(request), { unitCode: request.params.code, date: at });
      const unit = await getUnitAt(api.db, request.params.code, at);
      const [ancestors, children, predecessors, successors, contacts] = await Promise.all([
        listAncestorsAt(api.db, unit.id, at),
        listChildUnitsAt(api.db, unit.id, at),
        listPredecessors(api.db, unit.id),
        listSuccessors(api.db, unit.id),
        listUnitContacts(api.db, unit.id),
      ]);
      return { at, unit, ancestors, children, predecessors, successors, contacts };
    },
  );

  app.get<{ Params: { code: string }; Querystring: { at?: string } }>(
    '/units/:code/children',
    {
      preHandler: staffOnly,
      schema: {
        tags: ['Đơn vị'],
        summary: 'Các đơn vị cấp dưới trực tiếp tại một ngày',
        params: codeParams,
        querystring: atQuery,
        response: { 200: { type: 'array', items: unitSchema }, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const at = dayParameter(request.query.at, 'at', api.now());
      await assertInScope(api.db, principalOf(request), { unitCode: request.params.code, date: at });
      const unit = await getUnitAt(api.db, request.params.code, at);
      return listChildUnitsAt(api.db, unit.id, at);
    },
  );
}
