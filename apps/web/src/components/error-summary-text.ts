/**
 * The words of an error summary link: the inline message when it names its field ("Vui lòng nhập
 * số điện thoại."), otherwise the field's label before it ("Số điện thoại: Trường này là bắt
 * buộc.", as the server words a missing field), so that every link says which field it goes to.
 */
export function summaryText(label: string | undefined, message: string): string {
  if (!label) return message;
  const fold = (text: string) => text.toLocaleLowerCase('vi').normalize('NFC');
  return fold(message).includes(fold(label)) ? message : `${label}: ${message}`;
}
