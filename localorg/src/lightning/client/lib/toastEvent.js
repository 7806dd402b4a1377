export const TOAST_EVENT = 'lightning__showtoast';
