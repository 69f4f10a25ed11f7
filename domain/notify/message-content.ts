import { parseInstant, vietnamCivilDate } from '../civil-time';
import type { NotificationKind, NotificationRequest } from './notification-request';
import { describeDeadline, formatVietnameseDate, formatVietnameseDateTime } from './vietnamese-date';

/** A message before it becomes email HTML, plain text or a Zalo text: the same words for every channel. */
export interface MessageContent {
  subject: string;
  greeting: string;
  paragraphs: string[];
  facts: Array<{ label: string; value: string }>;
  action: { label: string; url: string } | undefined;
  table: { headers: string[]; rows: string[][] } | undefined;
  signature: string;
  footer: string;
}

interface Context {
  request: NotificationRequest;
  plan: string;
  report: string;
  unit: string;
  deadline: string;
  number: (key: string) => number | undefined;
  text: (key: string) => string | undefined;
}

type KindText = Pick<MessageContent, 'subject' | 'paragraphs'> & {
  extraFacts?: MessageContent['facts'];
  actionLabel?: string;
  table?: MessageContent['table'];
};

const KINDS: Record<NotificationKind, (c: Context) => KindText> = {
  assignment: (c) => ({
    subject: `Nhiệm vụ báo cáo: ${c.report}, hạn ${c.deadline}`,
    paragraphs: [
      `Thực hiện ${c.plan}, ${c.unit} có nhiệm vụ gửi ${c.report} (${c.request.milestone.title}).`,
      `Đề nghị đồng chí chuẩn bị và gửi báo cáo qua đường liên kết dưới đây, chậm nhất ${c.deadline}.`,
    ],
  }),
  reminder: (c) => ({
    subject: `Nhắc hạn: còn ${c.number('daysLeft') ?? '?'} ngày nộp ${c.report}`,
    paragraphs: [
      `Còn ${c.number('daysLeft') ?? '?'} ngày nữa là đến hạn ${c.unit} gửi ${c.report} theo ${c.plan}.`,
      `Hạn nộp: ${c.deadline}. Nếu đơn vị đã gửi, xin bỏ qua thư này.`,
    ],
  }),
  'due-today': (c) => ({
    subject: `Hôm nay là hạn cuối nộp ${c.report}`,
    paragraphs: [
      `Hôm nay là hạn cuối để ${c.unit} gửi ${c.report} theo ${c.plan}.`,
      `Đề nghị đồng chí gửi báo cáo trước ${c.deadline}. Nếu đơn vị đã gửi, xin bỏ qua thư này.`,
    ],
  }),
  overdue: (c) => ({
    subject: `Quá hạn ${c.number('daysOverdue') ?? ''} ngày: ${c.unit} chưa gửi ${c.report}`.replace('  ', ' '),
    paragraphs: [
      `Đến nay ${c.unit} chưa gửi ${c.report} theo ${c.plan} (hạn ${c.deadline})` +
        (c.number('daysOverdue') ? `, đã quá hạn ${c.number('daysOverdue')} ngày.` : '.'),
      'Đề nghị đồng chí khẩn trương gửi báo cáo qua đường liên kết dưới đây.',
    ],
  }),
  escalation: (c) => {
    const late = c.text('lateUnitName') ?? c.unit;
    return {
      subject: `Đôn đốc: ${late} chưa gửi ${c.report}`,
      paragraphs: [
        `${late} chưa gửi ${c.report} theo ${c.plan} (hạn ${c.deadline})` +
          (c.number('daysOverdue') ? `, đã quá hạn ${c.number('daysOverdue')} ngày.` : '.') +
          ' Hệ thống đã nhắc cán bộ đầu mối của đơn vị.',
        `Kính đề nghị đồng chí chỉ đạo ${late} gửi báo cáo trong thời gian sớm nhất.`,
      ],
      extraFacts: c.number('escalationStep')
        ? [{ label: 'Mức đôn đốc', value: `lần ${c.number('escalationStep')}` }]
        : [],
      actionLabel: 'Xem tình hình báo cáo',
    };
  },
  receipt: (c) => {
    const at = c.text('submittedAt');
    return {
      subject: `Đã nhận ${c.report} của ${c.unit}`,
      paragraphs: [
        `Hệ thống đã nhận ${c.report} của ${c.unit}${at ? ` lúc ${formatVietnameseDateTime(at)}` : ''} theo ${c.plan}.`,
        'Thư này là giấy biên nhận; đồng chí có thể xem lại báo cáo đã gửi qua đường liên kết dưới đây.',
      ],
      extraFacts: c.text('receiptNumber') ? [{ label: 'Số biên nhận', value: c.text('receiptNumber')! }] : [],
      actionLabel: 'Xem báo cáo đã gửi',
    };
  },
  extension: (c) => {
    const previous = c.text('previousDueAt');
    return {
      subject: `Gia hạn nộp ${c.report} đến ${c.deadline}`,
      paragraphs: [
        `${c.request.plan.issuer} đồng ý gia hạn để ${c.unit} gửi ${c.report} theo ${c.plan} đến ${c.deadline}` +
          (previous ? ` (hạn cũ: ${describeDeadline(previous).phrase}).` : '.'),
        ...(c.text('reason') ? [`Lý do: ${c.text('reason')}.`] : []),
      ],
    };
  },
  cancellation: (c) => ({
    subject: `Dừng thực hiện: ${c.report} không cần gửi nữa`,
    paragraphs: [
      `${c.request.plan.issuer} đã dừng thực hiện ${c.request.milestone.title} theo ${c.plan}.` +
        ` ${c.unit} không phải gửi ${c.report} (hạn cũ: ${c.deadline}); hệ thống sẽ không nhắc hạn nữa.`,
      ...(c.text('reason') ? [`Lý do: ${c.text('reason')}.`] : []),
    ],
  }),
  digest: (c) => {
    const rows = digestRows(c.text('rows'));
    const today = formatVietnameseDate(vietnamCivilDate(parseInstant(c.request.now)));
    const counts = [
      ['Đã gửi', c.number('submitted')],
      ['Quá hạn', c.number('overdue')],
      ['Chưa đến hạn', c.number('pending')],
    ] as const;
    return {
      subject: `Bản tin ${today}: ${c.number('submitted') ?? 0}/${c.number('total') ?? rows.length} đơn vị đã gửi ${c.report}`,
      paragraphs: [`Tình hình gửi ${c.report} theo ${c.plan}, đến ${formatVietnameseDateTime(c.request.now)}:`],
      extraFacts: counts.flatMap(([label, value]) =>
        value === undefined ? [] : [{ label, value: `${value} đơn vị` }],
      ),
      table: rows.length ? { headers: ['Đơn vị', 'Tình trạng', 'Ghi chú'], rows } : undefined,
      actionLabel: 'Xem bảng theo dõi',
    };
  },
};

function digestRows(json: string | undefined): string[][] {
  if (!json) return [];
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) return [];
  const cell = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
  return parsed.map((row: Record<string, unknown>) => [
    cell(row.unitName ?? row.unit),
    cell(row.status),
    cell(row.note),
  ]);
}

/**
 * The words of a notification, in Vietnamese, for its kind: who it is for, the plan's số hiệu and title, the report,
 * the deadline as "hết ngày thứ Sáu, 30/05/2025", and the link. Pure; the channels render it.
 */
export function composeMessage(request: NotificationRequest): MessageContent {
  const extra = request.extra ?? {};
  const deadline = request.dueAt ? describeDeadline(request.dueAt).phrase : 'hạn đã định';
  const context: Context = {
    request,
    plan: `Kế hoạch số ${request.plan.code} của ${request.plan.issuer} về ${request.plan.title}`,
    report: request.report?.title ?? request.milestone.title,
    unit: request.recipient.unitName,
    deadline,
    number: (key) => {
      const value = Number(extra[key]);
      return extra[key] === undefined || Number.isNaN(value) ? undefined : value;
    },
    text: (key) => (extra[key] === undefined || extra[key] === '' ? undefined : String(extra[key])),
  };
  const kind = KINDS[request.kind](context);
  const facts = [
    { label: 'Kế hoạch', value: `số ${request.plan.code} – ${request.plan.title}` },
    { label: 'Cơ quan ban hành', value: request.plan.issuer },
    { label: 'Nội dung', value: request.milestone.title },
    ...(request.report ? [{ label: 'Báo cáo', value: request.report.title }] : []),
    ...(request.dueAt ? [{ label: 'Hạn nộp', value: deadline }] : []),
    ...(kind.extraFacts ?? []),
  ];
  const sender = request.plan.senderName ?? request.plan.issuer;
  return {
    subject: `[${request.plan.code}] ${kind.subject}`,
    greeting: `Kính gửi: đồng chí ${request.recipient.name} (${request.recipient.unitName}),`,
    paragraphs: kind.paragraphs,
    facts,
    action: request.submissionLink
      ? { label: kind.actionLabel ?? 'Mở trang nộp báo cáo', url: request.submissionLink }
      : undefined,
    table: kind.table,
    signature: sender,
    footer:
      `Thư được gửi tự động từ hệ thống Đôn đốc theo Kế hoạch số ${request.plan.code}. ` +
      `Vui lòng không trả lời thư này; khi cần hỗ trợ, xin liên hệ ${sender}.`,
  };
}
