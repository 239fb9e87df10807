import type { MockService } from '../protocols/mock-service';
import { createBaoCaoChinhPhuService } from './ngsp/bao-cao-chinh-phu';
import { createBhxhService } from './ngsp/bhxh';
import { createBuuChinhCongIchService } from './ngsp/buu-chinh-cong-ich';
import { createCsdlDanCuService } from './ngsp/csdl-dan-cu';
import { createCsdlDangKyDoanhNghiepService } from './ngsp/csdl-dang-ky-doanh-nghiep';
import { createCsdlGiaService } from './ngsp/csdl-gia';
import { createDanhMucDungChungService } from './ngsp/danh-muc-dung-chung';
import { createDatDaiService } from './ngsp/dat-dai';
import { createDvcqgHoSoService } from './ngsp/dvcqg-ho-so';
import { createDvcqgThanhToanService } from './ngsp/dvcqg-thanh-toan';
import { createEmcGiamSatService } from './ngsp/emc-giam-sat';
import { createHoTichService } from './ngsp/ho-tich';
import { createKhoBacService } from './ngsp/kho-bac';
import { createLyLichTuPhapService } from './ngsp/ly-lich-tu-phap';
import { createThueService } from './ngsp/thue';
import { createTrucLienThongVanBanService } from './ngsp/truc-lien-thong-van-ban';
import { createVneidService } from './ngsp/vneid';
import type { ServiceDeps } from './service-deps';

/** The providers behind the national platform, in domain.md order: a new one is registered here. */
export function ngspServices(deps: ServiceDeps): MockService[] {
  return [
    createCsdlDanCuService(deps),
    createCsdlDangKyDoanhNghiepService(deps),
    createDanhMucDungChungService(deps),
    createDvcqgHoSoService(deps),
    createDvcqgThanhToanService(deps),
    createTrucLienThongVanBanService(deps),
    createEmcGiamSatService(deps),
    createBhxhService(deps),
    createHoTichService(deps),
    createLyLichTuPhapService(deps),
    createThueService(deps),
    createKhoBacService(deps),
    createDatDaiService(deps),
    createCsdlGiaService(deps),
    createBuuChinhCongIchService(deps),
    createBaoCaoChinhPhuService(deps),
    createVneidService(deps),
  ];
}
