/**
 * The small province the plan-cycle tests run on, and their plan: one milestone in Quý III/2031 over districts and
 * communes, due "chậm nhất ngày 20/9" with communes three working days earlier.
 */
/** A province, its Sở Nội vụ (the owner), two districts and four communes; contacts on example.invalid. */
export const UNITS_CSV = `code,name,type,parent_code,valid_from,reporter_name,reporter_email,head_name,head_email
T1,Tỉnh Thử Nghiệm,Tỉnh,,2020-01-01,,,Chủ tịch UBND tỉnh,chu-tich@t1.example.invalid
T1-SNV,Sở Nội vụ tỉnh Thử Nghiệm,Sở,T1,2020-01-01,Cán bộ TĐKT,tdkt@snv.example.invalid,Giám đốc Sở Nội vụ,giam-doc@snv.example.invalid
H1,Huyện Một,Huyện,T1,2020-01-01,Văn thư H1,vt@h1.example.invalid,Chủ tịch H1,ct@h1.example.invalid
H2,Huyện Hai,Huyện,T1,2020-01-01,Văn thư H2,vt@h2.example.invalid,Chủ tịch H2,ct@h2.example.invalid
X11,Xã Một Một,Xã,H1,2020-01-01,Văn thư X11,vt@x11.example.invalid,Chủ tịch X11,ct@x11.example.invalid
X12,Xã Một Hai,Xã,H1,2020-01-01,Văn thư X12,vt@x12.example.invalid,Chủ tịch X12,ct@x12.example.invalid
X21,Xã Hai Một,Xã,H2,2020-01-01,Văn thư X21,vt@x21.example.invalid,Chủ tịch X21,ct@x21.example.invalid
X22,Xã Hai Hai,Xã,H2,2020-01-01,Văn thư X22,vt@x22.example.invalid,Chủ tịch X22,ct@x22.example.invalid
`;

export const planText = (code: string) => `format: 1
code: ${code}
title: Kế hoạch sơ kết thử nghiệm
issuer: UBND tỉnh Thử Nghiệm
period: 2031-2031
owner: { unit: T1-SNV, name: Sở Nội vụ }
scope:
  units: [{ children_of: T1, types: [Huyện] }]
  levels: [cấp huyện, cấp xã]
milestones:
  - id: so-ket-2031
    kind: sơ kết
    title: Sơ kết năm 2031
    when: Quý III/2031
    reports:
      - id: bao-cao
        title: Báo cáo sơ kết
        due: chậm nhất ngày 20/9
        cascade: { gap: 3 ngày làm việc }
        nominations: { forms: [tập thể, cá nhân], quota: không quá 02 điển hình }
`;
