import { formatCivilDate } from '../../domain/civil-time';
import { describeDeadline, formatVietnameseDateTime } from '../../domain/notify/vietnamese-date';
import { ATTACHMENT_EXTENSIONS, MAX_ATTACHMENTS } from '../../domain/obligation/submission';
import { html, type SafeHtml } from './html';
import type { LinkPageData } from './link-page-data';
import { timeLeftText } from './time-left-text';

type ReportField = NonNullable<LinkPageData['report']['fields']>[number];
type NominationRules = NonNullable<LinkPageData['report']['nominations']>;

/** What a nominee's name is called on each form of seed 003. */
const NAME_LABELS: Record<string, string> = {
  'tập thể': 'Tên tập thể',
  'cá nhân': 'Họ và tên',
  'hộ gia đình': 'Họ và tên chủ hộ',
};

const FORM_TITLES: Record<string, string> = {
  'tập thể': 'Mẫu báo cáo thành tích tập thể',
  'hộ gia đình': 'Mẫu báo cáo thành tích hộ gia đình',
  'cá nhân': 'Mẫu báo cáo thành tích cá nhân',
};

function errorSlot(name: string): SafeHtml {
  return html`<p class="field-error" id="${errorId(name)}" data-error-for="${name}" aria-live="polite"></p>`;
}

function errorId(name: string): string {
  return `loi-${name.replace(/[^\w-]/g, '-')}`;
}

function fieldInput(field: ReportField): SafeHtml {
  const name = `fields.${field.id}`;
  const id = `truong-${field.id}`;
  const common = html`name="${name}" id="${id}" data-field="${name}" data-type="${field.type}"
  aria-describedby="${errorId(name)}"${field.required && html` required`}`;
  const label = html`${field.label}${field.required
    ? html` <span aria-hidden="true">*</span>`
    : html` <span class="hint">(không bắt buộc)</span>`}`;
  if (field.type === 'có/không') {
    return html`<fieldset data-field="${name}" data-type="${field.type}" aria-describedby="${errorId(name)}">
      <legend>${label}</legend>
      <label class="check"
        ><input type="radio" name="${name}" value="true" ${field.required && html` required`} /> Có</label
      >
      <label class="check"><input type="radio" name="${name}" value="false" /> Không</label>
      ${errorSlot(name)}
    </fieldset>`;
  }
  const control =
    field.type === 'số'
      ? html`<input type="number" min="0" step="any" inputmode="decimal" ${common} />`
      : field.type === 'ngày'
        ? html`<input type="date" ${common} />`
        : html`<input type="text" maxlength="2000" ${common} />`;
  return html`<label for="${id}">${label}</label>${control}${errorSlot(name)}`;
}

/** The nominee block the script clones (a <template>): one nomination on one of the plan's forms. */
function nominationTemplate(rules: NominationRules): SafeHtml {
  const forms = rules.forms;
  return html`<template id="mau-dien-hinh">
    <fieldset class="nomination" data-nomination>
      <legend>Điển hình thứ <span data-index></span></legend>
      <label data-for="form">Mẫu báo cáo thành tích</label>
      <select data-key="form" required>
        ${forms.map((form) => html`<option value="${form}">${FORM_TITLES[form] ?? form}</option>`)}
      </select>
      ${errorSlot('nomination-form')}
      ${rules.fields &&
      html`<label data-for="field">Lĩnh vực</label>
        <select data-key="field">
          <option value="">— chọn lĩnh vực —</option>
          ${rules.fields.map(
            (f) => html`<option value="${f.name}">${f.name}${f.lead && ` (${f.lead} chủ trì)`}</option>`,
          )}
        </select>
        ${errorSlot('nomination-field')}`}
      <label data-for="name" data-name-label>${NAME_LABELS[forms[0] ?? 'tập thể']}</label>
      <input type="text" data-key="name" maxlength="300" required />
      ${errorSlot('nomination-name')}
      <div data-personal>
        <label data-for="birthDate">Ngày sinh <span class="hint">(dữ liệu cá nhân — chỉ Sở Nội vụ xem)</span></label>
        <input type="date" data-key="birthDate" />
        <label data-for="position">Chức vụ, đơn vị công tác <span class="hint">(không bắt buộc)</span></label>
        <input type="text" data-key="position" maxlength="300" />
      </div>
      <label data-for="achievements">Thành tích tiêu biểu xuất sắc đã đạt được</label>
      <textarea data-key="achievements" maxlength="20000" required></textarea>
      ${errorSlot('nomination-achievements')}
      <div class="actions"><button type="button" class="secondary" data-remove>Bỏ điển hình này</button></div>
    </fieldset>
  </template>`;
}

function nominationsSection(rules: NominationRules): SafeHtml {
  const quota = rules.quota;
  return html`<fieldset
      id="dien-hinh"
      data-field="nominations"
      data-quota="${quota ?? 100}"
      aria-describedby="${errorId('nominations')}"
    >
      <legend>Đề nghị điển hình tiên tiến</legend>
      <p class="hint">
        Theo
        ${rules.forms.map((form) => FORM_TITLES[form] ?? form).join(', ')}${quota
          ? html`; <strong>không quá ${String(quota).padStart(2, '0')} điển hình</strong>`
          : ''}.
        Họ tên, ngày sinh của cá nhân và chủ hộ là dữ liệu cá nhân (Nghị định 13/2023): lãnh đạo chỉ thấy thành tích.
      </p>
      <div data-nominations></div>
      ${errorSlot('nominations')}
      <button type="button" class="secondary" data-add-nomination>Thêm điển hình</button>
      <span class="hint" data-quota-left aria-live="polite"></span>
    </fieldset>
    ${nominationTemplate(rules)}`;
}

function previousSubmissions(data: LinkPageData): SafeHtml {
  if (data.submissions.length === 0) return html``;
  return html`<section class="card" aria-labelledby="da-nop">
    <h2 id="da-nop">Các lần đã nộp</h2>
    <ul>
      ${[...data.submissions]
        .reverse()
        .map(
          (s) =>
            html`<li>
              Lần ${s.version}: <strong>${s.receiptNumber}</strong>, lúc ${formatVietnameseDateTime(s.submittedAt)},
              người nộp ${s.submittedBy} —
              ${s.late
                ? html`<span class="badge st-late">◔ nộp muộn</span>`
                : html`<span class="badge st-on-time">✓ đúng hạn</span>`}${s.attachments.length > 0 &&
              html`; ${s.attachments.length} tệp đính kèm`}
            </li>`,
        )}
    </ul>
    ${data.submissions.length > 0 &&
    data.acceptsSubmission &&
    html`<p class="hint">Nộp lại sẽ thay thế bản trước; bản mới nhất là bản được tính.</p>`}
  </section>`;
}

/**
 * The unit's submission page: the plan, milestone and report; the deadline ("thứ Sáu, 30/05/2025") and the time
 * left; earlier submissions; then the form generated from the report's definition — free text, the typed fields,
 * nominations on the seed 003 forms up to the quota, attachments within the API's limits. The script
 * (/tai-nguyen/nop-bao-cao.js) sends it to `POST /api/links/:token/submission` and shows the receipt or the errors.
 */
export function submissionPage(
  data: LinkPageData,
  token: string,
  options: { nowMs: number; attachmentMaxBytes: number },
): SafeHtml {
  const deadline = describeDeadline(data.deadline.dueAt);
  const overdue = options.nowMs >= Date.parse(data.deadline.dueAt);
  const left = timeLeftText(data.deadline.lastDay, data.deadline.dueAt, options.nowMs);
  const report = data.report;
  const accepts = data.acceptsSubmission !== false;
  const maxMb = Math.floor((options.attachmentMaxBytes / (1024 * 1024)) * 10) / 10;
  const types = ATTACHMENT_EXTENSIONS.filter((ext) => ext !== 'jpeg').join(', ');
  const fileHint = `(không bắt buộc; tối đa ${MAX_ATTACHMENTS} tệp, mỗi tệp không quá ${String(maxMb).replace('.', ',')} MB; ${types})`;
  const accept = ATTACHMENT_EXTENSIONS.map((ext) => `.${ext}`).join(',');
  return html` <h1>${report.title ?? report.id}</h1>
    <section class="card" aria-labelledby="thong-tin">
      <h2 id="thong-tin" class="skip">Thông tin báo cáo</h2>
      <dl class="facts">
        <dt>Đơn vị</dt>
        <dd>${data.unit.name}</dd>
        <dt>Kế hoạch</dt>
        <dd>Số ${data.plan.code}: ${data.plan.title}</dd>
        <dt>Cơ quan ban hành</dt>
        <dd>${data.plan.issuer}</dd>
        <dt>Mốc</dt>
        <dd>${data.milestone.title}${data.milestone.when && ` (${data.milestone.when})`}</dd>
        <dt>Hạn nộp</dt>
        <dd>
          <span class="deadline" data-deadline>${deadline.time ? `${deadline.time} ` : ''}${deadline.date}</span><br />
          <span class="badge ${overdue ? 'st-overdue' : 'st-open'}" data-time-left>${left}</span>
          ${data.obligation.extension &&
          html`<br /><span class="hint"
              >Đã được gia hạn${data.obligation.extension.reason && `: ${data.obligation.extension.reason}`}</span
            >`}
        </dd>
      </dl>
    </section>
    ${previousSubmissions(data)}
    ${!accepts
      ? html`<p class="notice error" role="alert">
          Báo cáo này đã đóng (đã kết thúc hoặc quá thời hạn nhận), không nhận thêm. Nếu cần, hãy liên hệ
          ${data.plan.issuer}.
        </p>`
      : html` ${overdue &&
          html`<p class="notice warn" role="note">
            Đã quá hạn. Báo cáo vẫn được nhận nhưng sẽ ghi là <strong>nộp muộn</strong>.
          </p>`}
          <section class="card" aria-labelledby="bieu-mau" id="khung-bieu-mau">
            <h2 id="bieu-mau">${data.submissions.length > 0 ? 'Nộp lại báo cáo' : 'Nộp báo cáo'}</h2>
            <form
              id="form-nop"
              novalidate
              data-endpoint="/api/links/${token}/submission"
              data-max-bytes="${options.attachmentMaxBytes}"
              data-max-files="${MAX_ATTACHMENTS}"
              data-extensions="${ATTACHMENT_EXTENSIONS.join(',')}"
            >
              <p class="notice error" data-form-error role="alert" tabindex="-1" hidden></p>
              <label for="nguoi-nop">Họ và tên người nộp <span aria-hidden="true">*</span></label>
              <input
                type="text"
                id="nguoi-nop"
                name="submittedBy"
                data-field="submittedBy"
                maxlength="200"
                required
                autocomplete="name"
                aria-describedby="${errorId('submittedBy')}"
              />
              ${errorSlot('submittedBy')}
              ${report.text !== false &&
              html`<label for="noi-dung-bao-cao">Nội dung báo cáo</label>
                <textarea
                  id="noi-dung-bao-cao"
                  name="text"
                  data-field="text"
                  maxlength="50000"
                  aria-describedby="${errorId('text')}"
                ></textarea>
                ${errorSlot('text')}`}
              ${(report.fields ?? []).map(fieldInput)} ${report.nominations && nominationsSection(report.nominations)}
              <label for="tep-dinh-kem">Tệp đính kèm <span class="hint">${fileHint}</span></label>
              <input
                type="file"
                id="tep-dinh-kem"
                name="attachments"
                data-field="attachments"
                multiple
                accept="${accept}"
                aria-describedby="${errorId('attachments')}"
              />
              ${errorSlot('attachments')}
              <div class="actions"><button type="submit" data-submit>Nộp báo cáo</button></div>
            </form>
          </section>
          <section id="bien-nhan" class="card receipt" tabindex="-1" hidden aria-live="polite">
            <h2>Đã nhận báo cáo</h2>
            <p data-receipt-message></p>
            <dl class="facts">
              <dt>Số biên nhận</dt>
              <dd class="receipt-number" data-receipt-number></dd>
              <dt>Thời điểm nhận</dt>
              <dd data-receipt-time></dd>
              <dt>Tình trạng</dt>
              <dd data-receipt-late></dd>
            </dl>
            <p class="hint">Biên nhận cũng được gửi qua thư điện tử. Hãy ghi lại số biên nhận.</p>
            <div class="actions"><a class="button secondary" href="/nop/${token}">Xem lại trang báo cáo</a></div>
          </section>`}
    <p class="hint">
      Liên kết này chỉ dùng cho ${data.unit.name}, có hiệu lực đến ${formatCivilDate(data.link.expiresAt.slice(0, 10))}.
      Vui lòng không chuyển tiếp cho đơn vị khác.
    </p>
    <noscript><p class="notice warn">Trang nộp báo cáo cần JavaScript để gửi biểu mẫu và tệp đính kèm.</p></noscript>`;
}
