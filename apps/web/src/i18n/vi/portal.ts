export default {
  title: 'portal',
};
