export * from './form-body';
export * from './form-errors';
export * from './number-fields';
export * from './page-access.filter';
export * from './render-page';
export * from './safe-next';
export * from './uk-date-time-field';
export * from './date-input';
