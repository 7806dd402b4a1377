// @salesforce/apex: refreshApex and getSObjectValue.
export { refreshApex } from 'localorg/apexClient';

export function getSObjectValue(record, field) {
  const path = typeof field === 'string' ? field : field.fieldApiName;
  return path.split('.').reduce((value, part) => (value == null ? undefined : value[part]), record);
}
