/** The administrative tree: arrows move, Space opens a branch, Enter (or a click) selects a unit. */
import { Group, Text, Tree, useTree, type TreeNodeData } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { TextBadge } from './shared';
import { branchValues, type UnitNode } from './units-tree';

function toData(nodes: UnitNode[]): TreeNodeData[] {
  return nodes.map((node) => ({
    value: String(node.unit.id),
    label: node.unit.name,
    nodeProps: { closed: node.unit.validUntil !== null, code: node.unit.agencyCode },
    children: node.children.length > 0 ? toData(node.children) : undefined,
  }));
}

interface Props {
  nodes: UnitNode[];
  selected: number | null;
  onSelect: (id: number) => void;
  /** Open every branch (when searching). */
  expandAll: boolean;
}

export function UnitTree({ nodes, selected, onSelect, expandAll }: Props) {
  const { t } = useTranslation('admin');
  const data = useMemo(() => toData(nodes), [nodes]);
  const tree = useTree({ initialExpandedState: {} });
  const rootValues = useMemo(() => nodes.map((node) => String(node.unit.id)), [nodes]);

  // The tree item (role=treeitem) carries aria-selected from the controller's selection.
  useEffect(() => {
    if (selected === null || selected === undefined) tree.clearSelected();
    else tree.select(String(selected));
    // The controller is a new object each render; only the selected unit matters.
  }, [selected]);

  useEffect(() => {
    if (expandAll) {
      tree.setExpandedState(Object.fromEntries(branchValues(nodes).map((value) => [value, true])));
    } else {
      rootValues.forEach((value) => tree.expand(value));
    }
    // The controller is a new object each render; only the data decides what opens.
  }, [nodes, expandAll]);

  return (
    <Tree
      data={data}
      tree={tree}
      aria-label={t('units.tree')}
      levelOffset="md"
      expandOnClick={false}
      onKeyDown={(event) => {
        if (event.key !== 'Enter') return;
        const item = (event.target as HTMLElement).closest('[role=treeitem]');
        const value = item?.getAttribute('data-value');
        if (value) {
          event.preventDefault();
          onSelect(Number(value));
        }
      }}
      renderNode={({ node, expanded, hasChildren, elementProps }) => {
        const props = node.nodeProps as { closed: boolean; code: string | null };
        const isSelected = Number(node.value) === selected;
        return (
          <Group
            gap={6}
            wrap="nowrap"
            {...elementProps}
            onClick={(event) => {
              elementProps.onClick(event);
              onSelect(Number(node.value));
            }}
            data-selected={isSelected || undefined}
            style={{
              ...elementProps.style,
              padding: '4px 6px',
              borderRadius: 4,
              cursor: 'pointer',
              background: isSelected ? 'var(--mantine-color-red-light)' : undefined,
            }}
          >
            {hasChildren ? (
              <span
                role="presentation"
                onClick={(event) => {
                  event.stopPropagation();
                  tree.toggleExpanded(node.value);
                }}
                style={{ display: 'inline-flex' }}
              >
                {expanded ? (
                  <IconChevronDown size={16} aria-hidden />
                ) : (
                  <IconChevronRight size={16} aria-hidden />
                )}
              </span>
            ) : (
              <span style={{ width: 16, flexShrink: 0 }} />
            )}
            <Text size="sm" c={props.closed ? 'dimmed' : undefined}>
              {node.label}
            </Text>
            {props.closed && (
              <TextBadge size="xs" color="gray" variant="light" tt="none">
                {t('units.closed')}
              </TextBadge>
            )}
          </Group>
        );
      }}
    />
  );
}
