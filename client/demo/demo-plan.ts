import { vietnamCivilDate, vietnamEpochMs, type CivilDate } from '../../domain/civil-time';

/** The demo plan's số hiệu: with a "/", as real ones have, so every link and path is tried with one. */
export const DEMO_PLAN_CODE = 'DEMO-01/KH-SNV';

const DAY_MS = 86_400_000;

function shift(date: CivilDate, days: number): CivilDate {
  return vietnamCivilDate(vietnamEpochMs(date) + days * DAY_MS + 12 * 3600_000);
}

function month(date: CivilDate): string {
  return `${Number(date.slice(5, 7))}/${date.slice(0, 4)}`;
}

function day(date: CivilDate): string {
  return `${Number(date.slice(8, 10))}/${Number(date.slice(5, 7))}/${date.slice(0, 4)}`;
}

/**
 * The demo plan, with dates relative to `today` so that it makes sense on any day: a monthly report due 20 days ago
 * (already overdue, escalating or closed), the milestone open now with its report due in 14 days (reminders, the
 * form with typed fields and nominations on the seed 003 forms), and one in about two months. Owned by the demo
 * Sở Nội vụ, asking the districts of the made-up province and, below them, their communes.
 */
export function demoPlanYaml(today: CivilDate): string {
  const past = shift(today, -20);
  // The window opens ten days before that deadline, so the communes' earlier deadline (2 working days) stays inside.
  const pastWindow = shift(past, -10);
  const due = shift(today, 14);
  const next = shift(today, 60);
  return `# Kế hoạch mẫu của bản demo (dondoc demo load): các ngày tính từ hôm nay ${day(today)}.
format: 1
code: ${DEMO_PLAN_CODE}
title: Xây dựng và nhân rộng điển hình tiên tiến năm ${today.slice(0, 4)} (kế hoạch mẫu)
issuer: UBND tỉnh An Lạc (tỉnh mẫu)
signer: { name: Nguyễn Văn Mẫu, title: KT. Chủ tịch - Phó Chủ tịch }
period: ${pastWindow.slice(0, 4)}-${next.slice(0, 4)}
owner: { unit: DEMO-SNV, name: Sở Nội vụ tỉnh An Lạc }
scope:
  units:
    - subtree: DEMO-T
  levels: [cấp huyện, cấp xã]
milestones:
  - id: bao-cao-thang-truoc
    kind: báo cáo
    title: Báo cáo kết quả phong trào thi đua tháng ${month(pastWindow)}
    when: tháng ${month(pastWindow)}
    reports:
      - id: bao-cao-thang
        title: Báo cáo kết quả phong trào thi đua tháng ${month(pastWindow)}
        due: chậm nhất ngày ${day(past)}
  - id: so-ket-dien-hinh
    kind: sơ kết
    title: Sơ kết xây dựng và nhân rộng điển hình tiên tiến
    when: tháng ${month(today)}
    reports:
      - id: bao-cao-so-ket
        title: Báo cáo sơ kết và đề nghị điển hình tiên tiến
        fields:
          - { id: so-tap-the, label: Số tập thể điển hình, type: số, required: true }
          - { id: so-ca-nhan, label: Số cá nhân điển hình, type: số, required: true }
          - { id: ngay-hoi-nghi, label: Ngày tổ chức hội nghị điển hình, type: ngày }
          - { id: co-mo-hinh-moi, label: Có mô hình mới, type: có/không }
        nominations:
          forms: [tập thể, hộ gia đình, cá nhân]
          quota: không quá 03 điển hình
          fields:
            - { name: Kinh tế - xã hội, lead: Sở Kế hoạch và Đầu tư }
            - { name: Giáo dục và đào tạo, lead: Sở Giáo dục và Đào tạo }
            - { name: Dân vận khéo, lead: Ban Dân vận Tỉnh ủy }
        due: chậm nhất ngày ${day(due)}
  - id: tong-ket-quy
    kind: tổng kết
    title: Tổng kết phong trào thi đua tháng ${month(next)}
    when: tháng ${month(next)}
    reports:
      - id: bao-cao-tong-ket
        title: Báo cáo tổng kết phong trào thi đua
`;
}
