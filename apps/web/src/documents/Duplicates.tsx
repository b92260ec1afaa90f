/**
 * Earlier documents an arrival may duplicate (the same document, or the same số/ký hiệu from the
 * same issuer in the same year), each a link, for the văn thư to check before receiving it.
 */
import { Alert, Anchor, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RelatedDocument } from './types';

export function DuplicateWarning({ duplicates }: { duplicates: readonly RelatedDocument[] }) {
  const { t } = useTranslation('documents');
  return (
    <Alert color="orange" title={t('duplicates.title')} data-testid="duplicate-warning">
      <List size="sm">
        {duplicates.map((d) => (
          <List.Item key={d.id}>
            <Anchor component={Link} to={`/van-ban/${d.id}`}>
              {d.title}
            </Anchor>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
