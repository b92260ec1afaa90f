/** A success notification, its close button named for screen readers (axe: button-name). */
import { notifications } from '@mantine/notifications';
import i18n from '../i18n';

export function notifySuccess(message: string) {
  notifications.show({
    color: 'green',
    message,
    withBorder: true,
    closeButtonProps: { 'aria-label': i18n.t('common:actions.close') },
  });
}
