import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { toApiError } from '../../../client/http/error-handler';

/** How a workflow's answer to an Update reaches people: the SDK's own errors, as the API maps them. */
describe('Update failures as API errors', () => {
  const failed = (cause: ApplicationFailure) => new WorkflowUpdateFailedError('Workflow Update failed', cause);

  it('a validator’s refusal is 422 with its code and Vietnamese message', () => {
    const error = toApiError(
      failed(ApplicationFailure.nonRetryable('SUBMISSION_CLOSED: báo cáo này đã đóng, không nhận thêm')),
    );
    expect(error).toMatchObject({
      status: 422,
      code: 'SUBMISSION_CLOSED',
      message: 'báo cáo này đã đóng, không nhận thêm',
    });
  });

  it('a workflow too young to have its handlers (the SDK’s rejection) is 503, retryable, in Vietnamese', () => {
    // The exact text the SDK's workflow runtime rejects a buffered Update with (internals.js rejectBufferedUpdates).
    const error = toApiError(failed(ApplicationFailure.nonRetryable('No registered handler for update: submitReport')));
    expect(error).toMatchObject({ status: 503, code: 'WORKFLOW_STARTING' });
    expect(error!.body()).toEqual({
      error: {
        code: 'WORKFLOW_STARTING',
        message: 'báo cáo đang được mở; hãy thử lại sau ít giây',
        field: null,
        retryable: true,
      },
    });
  });
});
