import type { NotificationRequest } from './notification-request';
import { describeDeadline } from './vietnamese-date';

/**
 * Parameters of our ZNS templates and the longest value Zalo accepts for each (ZNS parameter types: a name 30
 * characters, a code 30, free text/brand 200, a time 20). A plan's templates, approved by Zalo, use these names.
 */
export const ZNS_PARAMETERS = {
  customer_name: 30,
  unit_name: 200,
  plan_code: 30,
  report_title: 200,
  due_date: 20,
  days: 20,
  receipt_number: 30,
  link: 200,
} as const;
export type ZnsParameter = keyof typeof ZNS_PARAMETERS;

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** The ZNS `template_data` of a request: every parameter it has a value for, each within Zalo's length limit. */
export function znsTemplateData(request: NotificationRequest): Record<string, string> {
  const extra = request.extra ?? {};
  const days = extra.daysLeft ?? extra.daysOverdue;
  const values: Partial<Record<ZnsParameter, string | undefined>> = {
    customer_name: request.recipient.name,
    unit_name: request.recipient.unitName,
    plan_code: request.plan.code,
    report_title: request.report?.title ?? request.milestone.title,
    due_date: request.dueAt ? describeDeadline(request.dueAt).date : undefined,
    days: days === undefined ? undefined : String(days),
    receipt_number: extra.receiptNumber === undefined ? undefined : String(extra.receiptNumber),
    link: request.submissionLink,
  };
  const data: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value) data[key] = clip(value, ZNS_PARAMETERS[key as ZnsParameter]);
  }
  return data;
}
