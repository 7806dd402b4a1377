// One cell of the detail panel: what the template needs to show a field's value the way Lightning does.
function shown(entry) {
  if (!entry) return '';
  const value = entry.displayValue ?? entry.value;
  return value === null || value === undefined ? '' : String(value);
}

export function cellView(cell, values, key) {
  if (!cell) return { key: `blank-${key}`, isBlank: true };
  const entry = values[cell.name];
  const view = { key: cell.key, label: cell.label, name: cell.name, isField: true };
  switch (cell.kind) {
    case 'boolean':
      return { ...view, isBoolean: true, checked: !!(entry && entry.value === true) };
    case 'reference': {
      const id = entry ? entry.value : null;
      const related = cell.relationship ? values[cell.relationship] : undefined;
      const audit = cell.auditDate ? shown(values[cell.auditDate]) : '';
      return {
        ...view,
        isReference: !!id,
        isText: !id,
        recordId: id,
        displayValue: (related && related.displayValue) || id,
        auditDate: audit ? `, ${audit}` : '',
        value: ''
      };
    }
    case 'name': {
      const salutation = values.Salutation ? shown(values.Salutation) : '';
      return { ...view, isText: true, value: [salutation, shown(entry)].filter(Boolean).join(' ') };
    }
    case 'email':
      return { ...view, isEmail: !!shown(entry), isText: !shown(entry), value: shown(entry) };
    case 'phone':
      return { ...view, isPhone: !!shown(entry), isText: !shown(entry), value: shown(entry) };
    case 'url':
      return { ...view, isUrl: !!shown(entry), isText: !shown(entry), value: shown(entry) };
    default:
      return { ...view, isText: true, value: shown(entry) };
  }
}
