import { ServiceError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { PlanCodeDuplicateError, PlanNotFoundError } from '../../db/plan.repository';
import { PlanFileError } from '../../domain/plan/plan-errors';
import { UnitError, UnitIssueCode, formatUnitIssue } from '../../domain/units/unit-issue';
import { ApiError, codedApiError } from './api-error';
import type { HttpApp } from './outbox-routes';
import { translateViolation, type SchemaViolation } from './validation-messages';

/** Postgres and socket errors that mean the database is down or unreachable, not that the request was wrong. */
const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P03', '53300']);

/** What `pg` throws, without a code, for a query on a connection the server closed under it (a restart). */
const LOST_CONNECTION = /^(Connection terminated|Client has encountered a connection error)/;

function dependencyDown(what: string): ApiError {
  return new ApiError(503, 'DEPENDENCY_UNAVAILABLE', `${what} tạm thời không trả lời; hãy thử lại sau ít phút`, null, {
    retryable: true,
  });
}

/** gRPC status codes Temporal answers with (google.rpc.Code). */
const GRPC = { deadlineExceeded: 4, notFound: 5, failedPrecondition: 9, unavailable: 14 } as const;

/**
 * A Temporal call that failed at the RPC level: a workflow that is gone (completed, or never started) is 404/409, a
 * server that does not answer is 503.
 */
function temporalServiceError(error: ServiceError): ApiError {
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  if (code === GRPC.notFound) {
    return new ApiError(404, 'WORKFLOW_NOT_FOUND', 'chu trình này không chạy (chưa bắt đầu, đã kết thúc hoặc đã huỷ)');
  }
  if (code === GRPC.failedPrecondition) {
    return new ApiError(409, 'WORKFLOW_CLOSED', 'báo cáo này đã kết thúc, không nhận thay đổi nữa');
  }
  return dependencyDown('Temporal');
}

/** Our domain's and the SDK's errors, and Fastify's own, as the ApiError a client should see. */
export function toApiError(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (error instanceof PlanNotFoundError) return codedApiError(404, error.message, 'code');
  if (error instanceof PlanCodeDuplicateError) return codedApiError(409, error.message, 'code');
  if (error instanceof PlanFileError) {
    const first = error.problems[0];
    return new ApiError(400, first?.code ?? 'PLAN_FILE_INVALID', error.message, first?.field ?? null, {
      problems: error.problems,
    });
  }
  if (error instanceof UnitError) {
    const status = error.code === UnitIssueCode.notFound ? 404 : 400;
    return new ApiError(status, error.code, error.issues[0]!.message, error.issues[0]!.location?.field ?? null, {
      problems: error.issues.map((issue) => ({ code: issue.code, message: formatUnitIssue(issue) })),
    });
  }
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    // The unit's workflow began a moment ago and has not read its contacts yet (its handlers come right after).
    if (error.cause.message.startsWith('No registered handler for update')) {
      return new ApiError(503, 'WORKFLOW_STARTING', 'báo cáo đang được mở; hãy thử lại sau ít giây', null, {
        retryable: true,
      });
    }
    // A validator's rejection: `CODE: Vietnamese message`; the workflow's state is unchanged.
    return codedApiError(422, error.cause.message);
  }
  if (error instanceof WorkflowNotFoundError) {
    return new ApiError(404, 'WORKFLOW_NOT_FOUND', 'chu trình này không chạy (chưa bắt đầu, đã kết thúc hoặc đã huỷ)');
  }
  if (error instanceof ServiceError) return temporalServiceError(error);
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return dependencyDown('Temporal');
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && CONNECTION_ERRORS.has(code)) return dependencyDown('Cơ sở dữ liệu');
  if (error instanceof Error && LOST_CONNECTION.test(error.message)) return dependencyDown('Cơ sở dữ liệu');
  return fastifyError(error as FastifyError);
}

function fastifyError(error: FastifyError): ApiError | undefined {
  if (error.validation) {
    const { message, field } = translateViolation(error.validation[0] as SchemaViolation, error.validationContext);
    return new ApiError(400, 'VALIDATION_FAILED', message, field);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
      return new ApiError(413, 'PAYLOAD_TOO_LARGE', 'nội dung gửi lên quá lớn hoặc quá nhiều tệp');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(415, 'MEDIA_TYPE_UNSUPPORTED', `không nhận kiểu nội dung này (Content-Type)`);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError(400, 'BODY_INVALID', 'nội dung JSON trống');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ApiError(400, 'BODY_INVALID', 'nội dung không phải JSON hợp lệ');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new ApiError(400, 'BODY_INVALID', 'nội dung không phải multipart/form-data hợp lệ');
  }
  if (error instanceof SyntaxError) return new ApiError(400, 'BODY_INVALID', 'nội dung không phải JSON hợp lệ');
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    return new ApiError(error.statusCode, 'REQUEST_INVALID', 'yêu cầu không hợp lệ');
  }
  return undefined;
}

/**
 * One error answer for the whole server: every failure becomes `{ error: { code, message, field } }` in Vietnamese
 * with its status — 400 schema or input, 401/403 access, 404, 409 duplicate, 413 too large, 422 a workflow's rule,
 * 503 a dependency down (with `retryable: true` and Retry-After). Anything else is logged with its stack and answered
 * 500 without it. Unknown routes answer 404 the same way.
 */
export function registerErrorHandler(app: HttpApp): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const known = toApiError(error);
    if (known) {
      if (known.status >= 500) request.log.warn({ err: error }, 'dependency unavailable');
      if (known.status === 503) void reply.header('Retry-After', '30');
      return reply.code(known.status).send(known.body());
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply
      .code(500)
      .send(
        new ApiError(500, 'INTERNAL_ERROR', 'lỗi máy chủ; sự cố đã được ghi lại, hãy thử lại hoặc báo quản trị').body(),
      );
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send(
        new ApiError(404, 'ROUTE_NOT_FOUND', `không có địa chỉ ${request.method} ${request.url.split('?')[0]}`).body(),
      ),
  );
}
