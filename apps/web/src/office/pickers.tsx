/** Searchable pickers backed by the API: procedures (as one types) and units. */
import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call } from '../api/client';

type PickerProps = Omit<SelectProps, 'data' | 'searchValue' | 'onSearchChange' | 'filter' | 'onChange'> & {
  onChange: (value: string | null) => void;
  /** The label to show for the current value before any search (e.g. from the URL). */
  initialLabel?: string;
};

/**
 * The search text and the labels of chosen options: once an option is picked, the box shows its
 * label, which is not a new search.
 */
function useSearch() {
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<Record<string, string>>({});
  const [debounced] = useDebouncedValue(search, 250);
  const query = Object.values(picked).includes(debounced) ? '' : debounced.trim();
  return {
    search,
    setSearch,
    query,
    picked,
    remember: (value: string, label: string) => setPicked((old) => ({ ...old, [value]: label })),
  };
}

export function ProcedurePicker({ value, onChange, initialLabel, ...props }: PickerProps) {
  const { search, setSearch, query, picked, remember } = useSearch();
  const results = useQuery({
    queryKey: ['procedures', 'search', query],
    queryFn: () =>
      call(api.GET('/api/procedures', { params: { query: { q: query || undefined, pageSize: 20 } } })),
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
  const data = (results.data?.items ?? []).map((item) => ({
    value: item.code,
    label: `${item.code} — ${item.name}`,
  }));
  if (value && !data.some((item) => item.value === value))
    data.unshift({ value, label: picked[value] ?? initialLabel ?? value });
  return (
    <Select
      {...props}
      searchable
      value={value ?? null}
      data={data}
      searchValue={search}
      onSearchChange={setSearch}
      // The server already searched (without diacritics): keep its answer as is.
      filter={({ options }) => options}
      onChange={(next, option) => {
        if (next && option) remember(next, option.label);
        onChange(next);
      }}
      maxDropdownHeight={320}
      comboboxProps={{ width: 'target' }}
    />
  );
}

/**
 * Units as one types. Asked without a date, the server answers the units in force today
 * (GET /api/units, org/in-force.ts), so a department closed by a merger (e.g. Sở Tài nguyên và
 * Môi trường on 1/3/2025) is never offered as a target for forwarding or for counter intake.
 */
export function UnitPicker({
  value,
  onChange,
  kind,
  exclude,
  ...props
}: PickerProps & { kind?: 'commune' | 'department'; exclude?: number }) {
  const { search, setSearch, query, picked, remember } = useSearch();
  const results = useQuery({
    queryKey: ['units', 'search', kind ?? '', query],
    queryFn: () =>
      call(
        api.GET('/api/units', {
          params: { query: { q: query || undefined, ...(kind ? { kind } : {}), pageSize: 30 } },
        }),
      ),
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
  const data = (results.data?.items ?? [])
    .filter((unit) => unit.id !== exclude)
    .map((unit) => ({ value: String(unit.id), label: unit.name }));
  if (value && !data.some((item) => item.value === value))
    data.unshift({ value, label: picked[value] ?? value });
  return (
    <Select
      {...props}
      searchable
      value={value ?? null}
      data={data}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      onChange={(next, option) => {
        if (next && option) remember(next, option.label);
        onChange(next);
      }}
      maxDropdownHeight={320}
    />
  );
}
