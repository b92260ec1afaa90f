export default {
  title: 'Thống kê',
};
