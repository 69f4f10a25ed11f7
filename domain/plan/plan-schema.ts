import { z } from 'zod';
import { PlanErrorCode } from './plan-errors';

/**
 * The plan file format, version 1: what a Sở Nội vụ officer writes (plans/*.yaml; format described in
 * plans/README.md). Keys are English, values are the plan's own Vietnamese words. Unknown keys are rejected so a
 * typo never silently drops a deadline.
 */
export const MILESTONE_KINDS = [
  'lựa chọn',
  'sơ kết',
  'tổng kết',
  'sơ kết hằng năm',
  'hội nghị',
  'đại hội',
  'báo cáo',
] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

/** The three forms of seed 003: Mẫu báo cáo thành tích tập thể / hộ gia đình, cá nhân điển hình tiên tiến. */
export const NOMINATION_FORMS = ['tập thể', 'cá nhân', 'hộ gia đình'] as const;
export type NominationForm = (typeof NOMINATION_FORMS)[number];

export const RECIPIENTS = [
  'người báo cáo',
  'thủ trưởng đơn vị',
  'thủ trưởng cấp trên',
  'cơ quan chủ trì',
  'bản tin lãnh đạo',
] as const;
export type Recipient = (typeof RECIPIENTS)[number];

export const CHANNELS = ['email', 'zalo'] as const;
export type Channel = (typeof CHANNELS)[number];

export const FIELD_TYPES = ['số', 'văn bản', 'ngày', 'có/không'] as const;

const text = z.string().trim().min(1, 'không được để trống');
const id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'chỉ gồm chữ thường không dấu, số và dấu gạch ngang, ví dụ "so-ket-2023"');
const unitCode = z.string().regex(/^[\p{L}\p{N}._-]+$/u, 'mã đơn vị chỉ gồm chữ, số, dấu chấm, gạch dưới, gạch ngang');
const yearRange = z
  .string()
  .regex(/^\d{4}\s*[-–]\s*\d{4}$/, 'phải có dạng "2021-2025"')
  .superRefine((value, context) => {
    const [from, to] = value.split(/\s*[-–]\s*/).map(Number);
    if (from! > to!) {
      context.addIssue({
        code: 'custom',
        message: `giai đoạn "${value}" có năm đầu sau năm cuối; viết "${to}-${from}"`,
        params: { planCode: PlanErrorCode.periodReversed },
      });
    }
  });
/** "không quá 03 điển hình" or 3: the number is what counts. */
const quota = z.union([z.number(), z.string()]).transform((value, context) => {
  const number = typeof value === 'number' ? value : Number(/\d+/.exec(value)?.[0] ?? Number.NaN);
  if (!Number.isInteger(number) || number < 1) {
    context.addIssue({
      code: 'custom',
      message: `hạn mức "${value}" không phải một số nguyên dương`,
      params: { planCode: PlanErrorCode.quotaInvalid },
    });
    return z.NEVER;
  }
  return number;
});

const unitSelector = z.union([
  z.strictObject({ unit: unitCode }),
  z.strictObject({ children_of: unitCode, types: z.array(text).min(1).optional() }),
  z.strictObject({ subtree: unitCode, types: z.array(text).min(1).optional() }),
]);

const field = z.strictObject({ id, label: text, type: z.enum(FIELD_TYPES), required: z.boolean().default(false) });

const report = z.strictObject({
  id,
  title: text,
  /** A free-text narrative is asked for (the usual "báo cáo kết quả"). */
  text: z.boolean().default(true),
  fields: z.array(field).default([]),
  nominations: z
    .strictObject({
      forms: z.array(z.enum(NOMINATION_FORMS)).min(1),
      /** At most this many nominations per unit, all forms together ("không quá 03 điển hình"); none when absent. */
      quota: quota.optional(),
      /** The fields (lĩnh vực) a nomination belongs to, and who leads the selection in each (seed 003, III.3). */
      fields: z
        .array(z.strictObject({ name: text, lead: text.optional() }))
        .min(1)
        .optional(),
    })
    .optional(),
  /** When the units directly under the owner must report; the milestone's end when absent. */
  due: text.optional(),
  /** Deadlines of the levels below, one entry per level in `scope.levels` order after the first. */
  levels: z.array(z.strictObject({ level: text, due: text })).optional(),
  /** Or: each level below reports this long before the level above (Nghị định 09/2019: at least 1 working day). */
  cascade: z.strictObject({ gap: text }).optional(),
});

const milestone = z.strictObject({
  id,
  kind: z.enum(MILESTONE_KINDS),
  title: text,
  /** The plan's phrase for the window: "Quý III/2023", "tháng 6/2022", "hằng năm vào cuối năm", "năm 2025". */
  when: text,
  /** For a yearly phrase: the years it repeats over (the plan's period otherwise). */
  years: yearRange.optional(),
  /** The day of an event inside the window ("dịp 11/6" for the Hội nghị of Ngày truyền thống thi đua yêu nước). */
  on: text.optional(),
  /** Who leads this milestone, in the plan's words ("Phòng Hành chính - Tổ chức"). */
  lead: text.optional(),
  reports: z.array(report).default([]),
});

const offset = text; // "7 ngày làm việc", "1 tuần", "sáng ngày hạn": read by offset-phrases.ts

export const planFileSchema = z.strictObject({
  format: z.literal(1),
  /** Số hiệu, e.g. "960/KH-UBND". */
  code: text,
  title: text,
  issuer: text,
  signer: z.strictObject({ name: text, title: text.optional() }).optional(),
  /** Ngày ban hành: "24/03/2023", or "tháng 8/2021" when the day was left blank. */
  issued: text.optional(),
  period: yearRange,
  /** The higher document this plan implements. */
  basis: text.optional(),
  /** How "trước ngày X" is read (time-phrases.ts); strictly before X unless the plan says otherwise. */
  deadline_reading: z.enum(['strictly-before', 'end-of-day']).optional(),
  /** The standing body that urges the units and receives their reports (cơ quan thường trực). */
  owner: z.strictObject({ unit: unitCode, name: text }),
  scope: z.strictObject({
    units: z.array(unitSelector).min(1),
    /** Names of the reporting levels from the top (reporting to the owner) down: ["cấp huyện", "cấp xã"]. */
    levels: z.array(text).min(1),
  }),
  reminders: z.strictObject({ before: z.array(offset).min(1), channels: z.array(z.enum(CHANNELS)).min(1) }).optional(),
  escalation: z.array(z.strictObject({ after: offset, notify: z.array(z.enum(RECIPIENTS)).min(1) })).optional(),
  /** Seed 001: "tiêu chí, thời gian và phân công thực hiện có thể điều chỉnh". */
  amendable: z.boolean().default(true),
  milestones: z.array(milestone),
});

export type PlanFile = z.output<typeof planFileSchema>;
export type PlanFileMilestone = PlanFile['milestones'][number];
export type PlanFileReport = PlanFileMilestone['reports'][number];
