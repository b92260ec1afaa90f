import { Pagination, type PaginationProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Mantine's Pagination inside a named navigation landmark, with every control named in the UI
 * language ("Trang 3", "Trang sau"…): icon-only buttons otherwise have no accessible name.
 */
export function Paging({ label, ...props }: PaginationProps & { label?: string }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={label ?? t('paging.label')}>
      <Pagination
        siblings={1}
        boundaries={1}
        getItemProps={(page) => ({ 'aria-label': t('paging.page', { page }) })}
        getControlProps={(control) => ({ 'aria-label': t(`paging.${control}`) })}
        {...props}
      />
    </nav>
  );
}
