export * from './auth';
export * from './organisations';
export * from './coalitions';
export * from './letters';
export * from './audit';
export * from './signatures';
export * from './publications';
export * from './seals';
