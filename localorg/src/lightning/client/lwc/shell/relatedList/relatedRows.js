// The rows and columns of a related list for lightning-datatable: the name links to the record's page, the other
// columns show the UI API's display value (formatted dates, numbers) or the raw value.
function shown(entry) {
  if (!entry) return '';
  const value = entry.displayValue ?? entry.value;
  return value === null || value === undefined ? '' : String(value);
}

export function relatedColumns(list) {
  return [
    {
      label: list.nameLabel,
      fieldName: 'url',
      type: 'url',
      typeAttributes: { label: { fieldName: 'name' }, target: '_self' }
    },
    ...list.columns.map((c) => ({ label: c.label, fieldName: c.name, type: 'text' }))
  ];
}

export function relatedRows(data, list) {
  return ((data && data.records) || []).map((record) => {
    const fields = record.fields || {};
    const row = {
      id: record.id,
      url: `/lightning/r/${record.apiName}/${record.id}/view`,
      name: shown(fields[list.nameField]) || record.id
    };
    for (const column of list.columns) row[column.name] = shown(fields[column.name]);
    return row;
  });
}
