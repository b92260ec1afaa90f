export default {
  nav: {
    work: 'Công việc',
    counter: 'Tiếp nhận tại quầy',
    reports: 'Báo cáo',
    dashboard: 'Bảng điều khiển',
    admin: 'Quản trị',
    units: 'Cơ quan, đơn vị',
    users: 'Người dùng và vai trò',
    catalogue: 'Danh mục thủ tục',
    calendar: 'Lịch nghỉ lễ',
  },
  queues: {
    to_receive: 'Chờ tiếp nhận',
    to_process: 'Cần xử lý',
    to_approve: 'Chờ phê duyệt',
    tasks: 'Liên thông (đơn vị khác chuyển đến)',
    to_return: 'Chờ trả kết quả',
    due_soon: 'Sắp đến hạn',
    overdue: 'Quá hạn',
    all: 'Tất cả hồ sơ',
  },
};
