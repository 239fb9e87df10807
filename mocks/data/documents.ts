import { CENTRAL_ORGANS, PROVINCIAL_ORGANS } from './organs';
import type { Prng } from './prng';
import type { ReceivedDocument } from './records';
import { addDays, dvcqgTime, vnDate } from './time-format';

const SUBJECTS = [
  'Về việc đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình',
  'Về việc triển khai Đề án 06 năm 2024',
  'Về việc báo cáo kết quả chuyển đổi số quý I năm 2024',
  'Về việc kết nối, chia sẻ dữ liệu với Nền tảng tích hợp, chia sẻ dữ liệu quốc gia',
  'Về việc cập nhật mã định danh điện tử của các cơ quan, tổ chức',
  'Về việc bảo đảm an toàn thông tin mạng',
];
const NOTATIONS = ['VPCP-KSTT', 'BTC-TCT', 'BTTTT-CĐSQG', 'BKHĐT-ĐKKD'];

export function documentId(fromOrganId: string, date: Date, codeNumber: string, codeNotation: string): string {
  const day = dvcqgTime(date);
  return `${fromOrganId},${day.slice(0, 4)}/${day.slice(4, 6)}/${day.slice(6, 8)},${codeNumber}/${codeNotation}`;
}

export function generateDocuments(prng: Prng, count: number): ReceivedDocument[] {
  return Array.from({ length: count }, (_, i) => {
    const from = prng.pick(CENTRAL_ORGANS);
    const to = prng.pick(PROVINCIAL_ORGANS);
    const issued = addDays(vnDate(2024, 1, 3, 9), prng.int(0, 70));
    const codeNumber = String(prng.int(100, 2500));
    const codeNotation = prng.pick(NOTATIONS);
    return {
      ToOrganId: to.OrganId,
      DocId: documentId(from.OrganId, issued, codeNumber, codeNotation),
      From: from.OrganId,
      CodeNumber: codeNumber,
      CodeNotation: codeNotation,
      Subject: prng.pick(SUBJECTS),
      ReceivedTime: dvcqgTime(addDays(issued, prng.int(0, 2) + (i % 8) / 24)),
    };
  });
}
