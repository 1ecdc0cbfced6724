// The department's own records (demonstration data; a real deployment reads its database).
export interface NotaryOfficeRecord {
  id: string;
  name: string;
  kind: 'PUBLIC' | 'PRIVATE';
  address: string;
  commune: string;
  phone: string | null;
  notaryCount: number;
  supervisorCode: string;
  inspectionNotes: string;
}

/** Sở Tư pháp tỉnh Phú Thọ. */
export const OWN_AGENCY_CODE = '000.02.00.H43';

export const OFFICES: NotaryOfficeRecord[] = [
  {
    id: '25/PCC-STP',
    name: 'Phòng Công chứng số 1 tỉnh Phú Thọ',
    kind: 'PUBLIC',
    address: 'Số 8 đường Trần Phú, phường Việt Trì',
    commune: 'Phường Việt Trì',
    phone: '0210 3846 xxx',
    notaryCount: 4,
    supervisorCode: OWN_AGENCY_CODE,
    inspectionNotes: 'Kiểm tra 2025: hồ sơ lưu trữ đầy đủ.',
  },
  {
    id: '25.02/TP-CC-SCC',
    name: 'Văn phòng Công chứng Vĩnh Yên',
    kind: 'PRIVATE',
    address: 'Số 12 đường Mê Linh, phường Vĩnh Yên',
    commune: 'Phường Vĩnh Yên',
    phone: null,
    notaryCount: 2,
    supervisorCode: OWN_AGENCY_CODE,
    inspectionNotes: 'Kiểm tra 2025: nhắc nhở niêm yết phí công chứng.',
  },
  {
    id: '25.07/TP-CC-SCC',
    name: 'Văn phòng Công chứng Hòa Bình',
    kind: 'PRIVATE',
    address: 'Số 3 đường Cù Chính Lan, phường Hòa Bình',
    commune: 'Phường Hòa Bình',
    phone: '0218 3852 xxx',
    notaryCount: 3,
    supervisorCode: OWN_AGENCY_CODE,
    inspectionNotes: 'Chưa kiểm tra.',
  },
];
